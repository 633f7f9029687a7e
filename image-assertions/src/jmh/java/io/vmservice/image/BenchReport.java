package io.vmservice.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.screen.Match;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Measures this module against a reference timed in the same run and prints one table:
 * find against the full-size search (and whether both hit the same place), diff against
 * pixelmatch 7.2.0 on Node (and whether both count the same pixels), PNG decoding and encoding
 * against ImageIO's {@code read}/{@code getRGB} and {@code write} as screenshots used them before.
 *
 * <p>Arguments: the folder holding {@code pixelmatch-bench.mjs} and its {@code node_modules},
 * a work folder for the PNGs, and the number of timed runs.
 */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private BenchReport() {
    }

    public static void main(String[] args) throws Exception {
        Path nodeDir = Path.of(args[0]);
        Path workDir = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-44s %12s %-30s %14s %8s  %s", "figure (1920x1080)", "ms", "reference",
                "reference ms", "ratio", "check"));

        Screenshot screen = BenchImages.desktop();
        Template template = Template.fromScreenshot(screen, TestScreens.UNIQUE_ICON);
        findRow(rows, "find coarse-to-fine, grey", screen, template, template.coarseToFine(false), runs);
        findRow(rows, "find coarse-to-fine, colour", screen, template.inColor(),
                template.inColor().coarseToFine(false), runs);
        findRow(rows, "find full size, grey", screen, template.coarseToFine(false),
                template.coarseToFine(false).inColor(), runs);
        sinceRow(rows, "find after an icon changed elsewhere, grey", screen,
                TemplateMatcherTest.paste(screen, TestScreens.icon(new java.util.Random(8), 40), 700, 300), template, runs);
        sinceRow(rows, "find after three changes across the screen", screen, BenchImages.desktopSmallChange(),
                template, runs);
        sinceRow(rows, "find on an unchanged frame, grey", screen, BenchImages.desktop(), template, runs);

        String[][] pairs = {{"identical", "desktop", "desktop-copy"}, {"small change", "desktop", "desktop-changed"},
            {"all noise", "noise-a", "noise-b"}};
        Screenshot[][] images = {{screen, BenchImages.desktop()}, {screen, BenchImages.desktopSmallChange()},
            {BenchImages.noise(1), BenchImages.noise(2)}};
        List<String> command = new ArrayList<>(List.of("node", nodeDir.resolve("pixelmatch-bench.mjs").toString(),
                String.valueOf(runs)));
        for (int i = 0; i < pairs.length; i++) {
            command.add(images[i][0].savePng(workDir.resolve(pairs[i][1] + ".png")).toString());
            command.add(images[i][1].savePng(workDir.resolve(pairs[i][2] + ".png")).toString());
        }
        List<JsonNode> node = runNode(command);
        for (int i = 0; i < pairs.length; i++) {
            Screenshot a = Screenshot.read(workDir.resolve(pairs[i][1] + ".png"));
            Screenshot b = Screenshot.read(workDir.resolve(pairs[i][2] + ".png"));
            DiffOptions countOnly = DiffOptions.builder().drawDiffImage(false).build();
            long count = ImageDiff.compare(a, b, countOnly).mismatched();
            double ms = medianMs(runs, () -> ImageDiff.compare(a, b, countOnly).mismatched());
            double withImage = medianMs(runs, () -> ImageDiff.compare(a, b).mismatched());
            long nodeCount = node.get(i).get("mismatched").asLong();
            String check = String.format(Locale.ROOT, "%d vs %d pixels: %s", count, nodeCount,
                    count == nodeCount ? "same" : "DIFFERENT");
            rows.add(row("diff " + pairs[i][0] + ", count only", ms, "pixelmatch 7.2.0 on Node",
                    node.get(i).get("medianMs").asDouble(), check));
            rows.add(row("diff " + pairs[i][0] + ", with diff image", withImage, "pixelmatch 7.2.0 on Node",
                    node.get(i).get("medianMsWithDiff").asDouble(), check));
        }
        pngRows(rows, screen, runs);
        rows.forEach(System.out::println);
    }

    /**
     * PNG decoding of a 1920x1080 screen, written as RGB (as now) and as RGBA (as ImageIO wrote it
     * before), and encoding. Timed in thread CPU time: both run on one thread, and a machine busy
     * with other work stretches wall time far more than the work itself.
     */
    private static void pngRows(List<String> rows, Screenshot screen, int runs) throws IOException {
        byte[] rgb = screen.toPng();
        byte[] rgba = imageIoEncode(screen);
        for (byte[] png : List.of(rgb, rgba)) {
            String kind = png == rgb ? "RGB" : "RGBA";
            String check = Screenshot.fromPng(png).samePixels(screen) && imageIoDecode(png).samePixels(screen)
                    ? "same pixels" : "DIFFERENT pixels";
            rows.add(row("PNG decode, " + kind + " " + png.length / 1024 + " kB, CPU",
                    medianCpuMs(runs, () -> Screenshot.fromPng(png)), "ImageIO.read + getRGB",
                    medianCpuMs(runs, () -> imageIoDecode(png)), check));
        }
        rows.add(row("PNG encode (RGB), CPU", medianCpuMs(runs, screen::toPng), "ImageIO.write (RGBA)",
                medianCpuMs(runs, () -> imageIoEncode(screen)), rgb.length / 1024 + " kB vs " + rgba.length / 1024
                        + " kB"));
    }

    private static double medianCpuMs(int runs, Supplier<?> operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return medianOfNanos(runs, () -> {
            long start = threads.getCurrentThreadCpuTime();
            Object unused = operation.get();
            return threads.getCurrentThreadCpuTime() - start;
        });
    }

    /** How {@code Screenshot.fromPng} decoded before: ImageIO's colour-converted pixels. */
    private static Screenshot imageIoDecode(byte[] png) {
        try {
            return Screenshot.of(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] imageIoEncode(Screenshot screen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(screen.toBufferedImage(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void findRow(List<String> rows, String figure, Screenshot screen, Template measured,
            Template reference, int runs) {
        Match hit = TemplateMatcher.search(screen, measured).best().orElseThrow();
        Match referenceHit = TemplateMatcher.search(screen, reference).best().orElseThrow();
        double ms = medianMs(runs, () -> TemplateMatcher.search(screen, measured));
        double referenceMs = medianMs(runs, () -> TemplateMatcher.search(screen, reference));
        String check = hit.region().equals(referenceHit.region())
                ? "same hit " + hit : "DIFFERENT hit " + hit + " vs " + referenceHit;
        rows.add(row(figure, ms, reference.description().replaceFirst("^.* \\(", "(")
                .replace(", similarity 0.90", "").replace("40x40, ", "") + (reference.isCoarseToFine() ? "" : " full"),
                referenceMs, check));
    }

    /** A locator's next poll: the search knows its result on the frame before. */
    private static void sinceRow(List<String> rows, String figure, Screenshot earlier, Screenshot screen,
            Template template, int runs) {
        SearchResult earlierResult = TemplateMatcher.search(earlier, template);
        List<Match> matches = TemplateMatcher.searchSince(screen, template, earlier, earlierResult).matches();
        List<Match> whole = TemplateMatcher.search(screen, template).matches();
        double ms = medianMs(runs, () -> TemplateMatcher.searchSince(screen, template, earlier, earlierResult));
        double referenceMs = medianMs(runs, () -> TemplateMatcher.search(screen, template));
        String check = matches.equals(whole) ? "same matches " + matches : "DIFFERENT " + matches + " vs " + whole;
        rows.add(row(figure, ms, "(whole frame, coarse to fine)", referenceMs, check));
    }

    private static String row(String figure, double ms, String reference, double referenceMs, String check) {
        return String.format(Locale.ROOT, "%-44s %12.2f %-30s %14.2f %7.2fx  %s", figure, ms, reference,
                referenceMs, referenceMs / ms, check);
    }

    private static double medianMs(int runs, Supplier<?> operation) {
        return medianOfNanos(runs, () -> {
            long start = System.nanoTime();
            Object unused = operation.get();
            return System.nanoTime() - start;
        });
    }

    /** The median of {@code runs} timings in nanoseconds, as milliseconds, after a warm-up. */
    private static double medianOfNanos(int runs, LongSupplier timedNanos) {
        // until compiled code runs: a few fixed runs leave short operations half interpreted
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < Math.max(3, runs / 3) || System.nanoTime() < warmUntil; i++) {
            long unused = timedNanos.getAsLong();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = timedNanos.getAsLong() / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static double medianMs(int runs, LongSupplier operation) {
        return medianMs(runs, (Supplier<Long>) operation::getAsLong);
    }

    private static List<JsonNode> runNode(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pixelmatch on Node failed: " + command);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
