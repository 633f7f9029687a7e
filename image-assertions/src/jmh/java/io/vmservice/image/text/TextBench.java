package io.vmservice.image.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.bytedeco.javacpp.Pointer;

/**
 * Text figures on a real desktop, each beside a reference from the same run: Firefox shows
 * pages of generated labels (9 to 16 pt, dark on light and light on dark) served by this
 * harness; each label's true box is where its ink is (the screen with and without the labels,
 * compared inside the box the page reports for it). A second desktop adds mousepad, xfce4-terminal
 * and GTK dialogs ({@link AppLabels}). Prints, per tolerance and per application, how many labels
 * were found and how many found boxes overlap the true box by 80 % or more; then the
 * {@code tesseract} command on a whole screen (as it comes, and on one OpenMP thread) against the
 * first read (with where its time goes), an unchanged poll and a poll after one line changed;
 * then native memory over 10,000 reads.
 *
 * <p>Usage: {@code TextBench OUT_DIR [ROUNDS [SEED]]} (40 labels per round, default 6; another seed
 * draws other labels, sizes and colours);
 * {@code TextBench --accuracy OUT_DIR} computes the accuracy figures again from a run's files;
 * {@code TextBench --first-read SCREEN.png OUT_DIR} times the command and the first reads alone on
 * a saved screen (a run's {@code screen.png}), with no desktop.
 */
public final class TextBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COLUMNS = 4;
    /** Runs of the command and of each first read, in turn. */
    private static final int FIRST_READS = 11;
    private static final int ROWS = 10;
    private static final int[] SIZES_PX = {12, 13, 14, 16, 18, 21};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "sa", "to", "vel", "an", "or", "is", "pel",
        "dun", "bra", "che", "fo", "gri", "hu", "jen", "ko", "lu", "mar", "nes", "qui", "ste", "ul", "wen", "xa"};

    private TextBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--accuracy")) {
            accuracy(LabelSample.load(Path.of(args[1])));
            return;
        }
        if (args.length == 3 && args[0].equals("--first-read")) {
            Files.createDirectories(Path.of(args[2]));
            Path png = Path.of(args[1]);
            try (OcrEngine engine = OcrEngine.english(); OcrEngine single = OcrEngine.open(OcrEngine.ENGLISH, 1)) {
                firstReads(Screenshot.read(png), png, Path.of(args[2]), engine, single);
            }
            return;
        }
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench/text");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Files.createDirectories(out);
        Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 14);
        AtomicReference<String> page = new AtomicReference<>();
        AtomicReference<JsonNode> boxes = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                boxes.set(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        List<LabelSample> samples = new ArrayList<>();
        try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(1).build()) {
            SandboxInfo info = client.createSandbox("text-bench");
            try {
                Desktop desktop = Desktop.of(client, info.sandboxId());
                desktop.files().write("/tmp/firefox/user.js", String.join("\n",
                        "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                        "user_pref(\"browser.aboutwelcome.enabled\", false);",
                        "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                        "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);"));
                Screenshot firstScreen = null;
                Desktop afterChange = null;
                for (int round = 0; round < rounds; round++) {
                    List<String> labels = labels(random, COLUMNS * ROWS);
                    page.set(page(labels, random, round));
                    boxes.set(null);
                    if (round == 0) {
                        desktop.run("firefox-esr --new-instance --profile /tmp/firefox http://127.0.0.1:"
                                + server.getAddress().getPort() + "/ >/tmp/firefox.log 2>&1 &");
                    } else {
                        desktop.hotkey("F5");
                    }
                    desktop.waitForWindow("Labels " + round);
                    desktop.move(1010, 760);
                    Screenshot shown = desktop.waitForStableScreen().screenshot();
                    // where the labels are once the window has settled
                    desktop.press("r");
                    Awaitility.await("round " + round + "'s label boxes").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(200)).until(() -> boxes.get() != null);
                    shown.savePng(out.resolve("labels-" + round + ".png"));
                    desktop.press("h");
                    Screenshot hidden = awaitChange(desktop, shown);
                    desktop.press("s");
                    awaitChange(desktop, hidden);
                    for (JsonNode box : boxes.get()) {
                        Region reported = Region.of(box.get("x").asInt() - 2, box.get("y").asInt() - 2,
                                box.get("w").asInt() + 4, box.get("h").asInt() + 4).intersection(shown.bounds());
                        if (reported == null) {
                            continue;
                        }
                        shown.changedSince(hidden, reported).ifPresent(ink -> samples.add(new LabelSample("Firefox",
                                box.get("text").asText(), box.get("px").asInt() + "px", ink, shown)));
                    }
                    if (round == 0) {
                        firstScreen = shown;
                        afterChange = desktop;
                    }
                }
                timings(firstScreen, afterChange, out);
            } finally {
                client.destroySandbox(info.sandboxId());
            }
            samples.addAll(appLabels(client, random));
            LabelSample.save(samples, out);
            accuracy(samples);
        } finally {
            server.stop(0);
        }
        memory();
    }

    /** Labels of mousepad, xfce4-terminal and GTK dialogs, on a desktop of their own. */
    private static List<LabelSample> appLabels(VmServiceClient client, Random random) {
        System.out.println("== Labels of other applications");
        SandboxInfo info = client.createSandbox("text-bench-apps");
        List<LabelSample> samples = new ArrayList<>();
        try {
            Desktop desktop = Desktop.of(client, info.sandboxId());
            samples.addAll(collect("mousepad", () -> AppLabels.mousepad(desktop, random)));
            samples.addAll(collect("xfce4-terminal", () -> AppLabels.terminal(desktop, random)));
            samples.addAll(collect("GTK dialogs", () -> AppLabels.dialogs(desktop)));
        } finally {
            client.destroySandbox(info.sandboxId());
        }
        return samples;
    }

    private static List<LabelSample> collect(String app, java.util.function.Supplier<List<LabelSample>> labels) {
        try {
            return labels.get();
        } catch (RuntimeException e) {
            System.out.println("  " + app + " stopped early: " + e);
            return List.of();
        }
    }

    private static void accuracy(List<LabelSample> samples) {
        Map<String, List<LabelSample>> byApp = new LinkedHashMap<>();
        samples.forEach(s -> byApp.computeIfAbsent(s.app(), app -> new ArrayList<>()).add(s));
        System.out.println("== Label accuracy: " + samples.size() + " labels: " + byApp.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey()).collect(Collectors.joining(", ")));
        for (double tolerance : new double[] {0, Text.DEFAULT_TOLERANCE, 0.2}) {
            System.out.printf(Locale.ROOT, "tolerance %.2f: %s%n", tolerance, score(samples, tolerance, null));
        }
        System.out.printf(Locale.ROOT, "per application, tolerance %.2f:%n", Text.DEFAULT_TOLERANCE);
        List<String> missed = new ArrayList<>();
        byApp.forEach((app, appSamples) -> System.out.printf(Locale.ROOT, "  %-15s %s%n", app,
                score(appSamples, Text.DEFAULT_TOLERANCE, missed)));
        missed.stream().limit(40).forEach(m -> System.out.println("  missed: " + m));
    }

    /** Found, tight and elsewhere counts of the samples; what was missed is added to {@code missed} when given. */
    private static String score(List<LabelSample> samples, double tolerance, List<String> missed) {
        int found = 0;
        int tight = 0;
        int elsewhere = 0;
        double overlapSum = 0;
        for (LabelSample s : samples) {
            SearchResult result = Text.of(s.text()).tolerance(tolerance).search(s.screen());
            Match best = null;
            for (Match m : result.matches()) {
                if (best == null || m.region().overlap(s.ink()) > best.region().overlap(s.ink())) {
                    best = m;
                }
                if (m.region().overlap(s.ink()) == 0) {
                    elsewhere++;
                }
            }
            double overlap = best == null ? 0 : best.region().overlap(s.ink());
            if (overlap > 0) {
                found++;
                overlapSum += overlap;
                if (overlap >= 0.8) {
                    tight++;
                }
            }
            if (missed != null && overlap < 0.8) {
                String there = Text.of(s.text()).read(s.screen()).words().stream()
                        .filter(w -> w.box().intersection(s.ink()) != null)
                        .map(w -> w.text() + " " + w.box()).collect(Collectors.joining(", "));
                missed.add(String.format(Locale.ROOT, "%s \"%s\" %s ink %s, overlap %.2f, read there: %s", s.app(),
                        s.text(), s.size(), s.ink(), overlap, there.isEmpty() ? "nothing" : there));
            }
        }
        return String.format(Locale.ROOT, "found %d/%d (%.1f %%), box overlap >= 80 %%: %d/%d (%.1f %% of all),"
                        + " mean overlap %.3f, matches elsewhere %d", found, samples.size(),
                100.0 * found / samples.size(), tight, samples.size(), 100.0 * tight / samples.size(),
                found == 0 ? 0 : overlapSum / found, elsewhere);
    }

    private static void timings(Screenshot screen, Desktop desktop, Path out) throws Exception {
        Path png = screen.savePng(out.resolve("screen.png"));
        try (OcrEngine engine = OcrEngine.english(); OcrEngine single = OcrEngine.open(OcrEngine.ENGLISH, 1)) {
            double reference = firstReads(screen, png, out, engine, single);
            polls(screen, desktop, engine, reference);
        }
    }

    /**
     * The command on the screen's PNG and the first reads with the engine's Tesseracts and with
     * one, in turn, so that a change in what else the machine does touches all three alike; the
     * processor time of a read beside its wall time, since other work on the machine stretches
     * the latter. The command's median, the reference of the rows after.
     */
    private static double firstReads(Screenshot screen, Path png, Path out, OcrEngine engine, OcrEngine single)
            throws Exception {
        System.out.println("== Whole 1024x768 Firefox screen: tesseract command against the text reader (median of "
                + FIRST_READS + " in turn)");
        long t0 = System.nanoTime();
        engine.read(screen);
        double cold = (System.nanoTime() - t0) / 1e6;
        // both warmed up alike (the JIT compiles on the same two processors), then timed in turn
        for (int i = 0; i < 5; i++) {
            single.read(screen);
            engine.read(screen);
        }
        double[] command = new double[FIRST_READS];
        double[] commandOneThread = new double[FIRST_READS];
        double[] first = new double[FIRST_READS];
        double[] alone = new double[FIRST_READS];
        double[] firstCpu = new double[FIRST_READS];
        double[] aloneCpu = new double[FIRST_READS];
        for (int i = 0; i < FIRST_READS; i++) {
            command[i] = tesseractCommand(png, out, false);
            commandOneThread[i] = tesseractCommand(png, out, true);
            double cpu = processorMillis();
            t0 = System.nanoTime();
            ScreenText several = new ScreenReader(engine).read(screen, screen.bounds());
            first[i] = (System.nanoTime() - t0) / 1e6;
            firstCpu[i] = processorMillis() - cpu;
            cpu = processorMillis();
            t0 = System.nanoTime();
            ScreenText one = new ScreenReader(single).read(screen, screen.bounds());
            alone[i] = (System.nanoTime() - t0) / 1e6;
            aloneCpu[i] = processorMillis() - cpu;
            if (!one.equals(several)) {
                throw new IllegalStateException("one Tesseract read the screen otherwise than several");
            }
        }
        double reference = median(command);
        row("tesseract command (reference)", reference, reference);
        // Debian's command spreads its work over OpenMP threads, which on two processors costs it time
        row("tesseract command, one OpenMP thread", median(commandOneThread), reference);
        row("engine start + first read (cold)", cold, reference);
        row("first read, nothing remembered (" + engine.instances() + " Tesseracts)", median(first), reference);
        row("first read, one Tesseract (same answer)", median(alone), reference);
        System.out.printf(Locale.ROOT, "  processor time of a first read: %.0f ms (%d Tesseracts), %.0f ms (one)%n",
                median(firstCpu), engine.instances(), median(aloneCpu));
        System.out.printf(Locale.ROOT, "  against the command on one OpenMP thread: first read %.1fx, one Tesseract %.1fx faster%n",
                median(commandOneThread) / median(first), median(commandOneThread) / median(alone));
        breakdown(screen);
        return reference;
    }

    /** One run of the {@code tesseract} command on the PNG, in milliseconds; on one OpenMP thread if asked. */
    private static double tesseractCommand(Path png, Path out, boolean oneThread) throws Exception {
        long t0 = System.nanoTime();
        ProcessBuilder command = new ProcessBuilder("tesseract", png.toString(), "-").redirectErrorStream(true)
                .redirectOutput(out.resolve("tesseract.txt").toFile());
        if (oneThread) {
            command.environment().put("OMP_THREAD_LIMIT", "1");
        }
        Process p = command.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tesseract failed: " + Files.readString(out.resolve("tesseract.txt")));
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** An unchanged screen polled, then the desktop's page changed line by line and polled. */
    private static void polls(Screenshot screen, Desktop desktop, OcrEngine engine, double reference) {
        ScreenReader reader = new ScreenReader(engine);
        reader.read(screen, screen.bounds());
        Screenshot copy = Screenshot.ofPixels(screen.width(), screen.height(), pixels(screen));
        double[] unchanged = new double[200];
        for (int i = 0; i < unchanged.length; i++) {
            Screenshot same = i % 2 == 0 ? copy : screen;
            long t0 = System.nanoTime();
            reader.read(same, same.bounds());
            unchanged[i] = (System.nanoTime() - t0) / 1e6;
        }
        row("poll of an unchanged screen (pixel-equal copy)", median(unchanged), reference);
        double[] changed = new double[8];
        // the desktop shows the last round's page by now: that is the screen before the first change
        Screenshot last = desktop.waitForStableScreen().screenshot();
        reader.read(last, last.bounds());
        int runsBefore = reader.recognitions();
        for (int i = 0; i < changed.length; i++) {
            desktop.press("c");
            Screenshot now = awaitChange(desktop, last);
            long t0 = System.nanoTime();
            reader.read(now, now.bounds());
            changed[i] = (System.nanoTime() - t0) / 1e6;
            System.out.println("  changed: " + now.changedSince(last, now.bounds()).orElseThrow());
            last = now;
        }
        row("poll after one line changed", median(changed), reference);
        System.out.printf(Locale.ROOT, "  runs read by Tesseract over the %d changed polls: %d%n", changed.length,
                reader.recognitions() - runsBefore);
    }

    /** Processor time of the whole JVM, all threads (the Tesseracts' native work included). */
    private static double processorMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** Where a first read's time goes, on one thread: finding runs, preparing them, Tesseract. */
    private static void breakdown(Screenshot screen) {
        double[] regions = new double[5];
        List<Region> runs = null;
        for (int i = 0; i < regions.length; i++) {
            long t0 = System.nanoTime();
            runs = TextRegions.find(screen, screen.bounds());
            regions[i] = (System.nanoTime() - t0) / 1e6;
        }
        long t0 = System.nanoTime();
        List<LineImage> lines = new ArrayList<>();
        long pixels = 0;
        for (Region run : runs) {
            LineImage line = LineImage.of(screen, run);
            lines.add(line);
            pixels += (long) line.width() * line.height();
        }
        double prepare = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        try (Recognizer recognizer = Recognizer.open(Tessdata.directoryFor(OcrEngine.ENGLISH), OcrEngine.ENGLISH)) {
            double start = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            for (LineImage line : lines) {
                recognizer.read(line);
            }
            double recognise = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "  one thread: %d runs found in %.1f ms, prepared (%.1f Mpx) in %.1f ms,"
                            + " recognised in %.1f ms (%.2f ms a run); a Tesseract starts in %.1f ms%n", runs.size(),
                    median(regions), pixels / 1e6, prepare, recognise, recognise / runs.size(), start);
        }
    }

    private static void memory() {
        System.out.println("== Native memory over 10,000 reads");
        // two lines, so that each read keeps two Tesseracts busy where there are two processors
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(300, 70,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 300, 70);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 15));
        g.drawString("Place order now", 10, 26);
        g.drawString("Cancel", 10, 56);
        g.dispose();
        Screenshot line = Screenshot.of(image);
        try (OcrEngine engine = OcrEngine.english()) {
            for (int i = 0; i < 200; i++) {
                engine.read(line);
            }
            long tracked = Pointer.totalBytes();
            long resident = Pointer.physicalBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                if (engine.read(line).isEmpty()) {
                    throw new IllegalStateException("read nothing");
                }
            }
            System.out.printf(Locale.ROOT, "JavaCPP-tracked %d -> %d bytes, resident %d -> %d MB, %.1f ms per read,"
                            + " %d Tesseracts%n", tracked, Pointer.totalBytes(), resident >> 20,
                    Pointer.physicalBytes() >> 20, (System.nanoTime() - t0) / 1e6 / 10_000, engine.instances());
        }
    }

    private static Screenshot awaitChange(Desktop desktop, Screenshot from) {
        return Awaitility.await("the page to change").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> desktop.waitForStableScreen().screenshot(), s -> !s.samePixels(from));
    }

    private static int[] pixels(Screenshot screen) {
        int[] copy = new int[screen.width() * screen.height()];
        screen.pixels().get(copy);
        return copy;
    }

    private static void row(String name, double ms, double reference) {
        System.out.printf(Locale.ROOT, "%-50s %9.2f ms   %7.1fx faster than the command%n", name, ms, reference / ms);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Generated labels of one to three made-up words or numbers, none in a dictionary. */
    static List<String> labels(Random random, int count) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int words = 1 + random.nextInt(3);
            StringBuilder label = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    label.append(' ');
                }
                if (random.nextInt(6) == 0) {
                    label.append(random.nextInt(1000));
                    continue;
                }
                StringBuilder word = new StringBuilder();
                for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
                    word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                label.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            }
            labels.add(label.toString());
        }
        return labels;
    }

    private static String page(List<String> labels, Random random, int round) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Labels ")
                .append(round).append("</title><style>body{margin:0;background:#fff;font-family:'DejaVu Sans',sans-serif}"
                        + "div{position:absolute;padding:3px 6px;white-space:nowrap} .hide span{visibility:hidden}"
                        + "</style></head><body>");
        for (int i = 0; i < labels.size(); i++) {
            int x = 8 + (i % COLUMNS) * 252;
            int y = 8 + (i / COLUMNS) * 60;
            int px = SIZES_PX[random.nextInt(SIZES_PX.length)];
            boolean dark = random.nextInt(5) == 0;
            String colours = dark ? "color:#eee;background:#2b303b" : "color:#" + (random.nextBoolean() ? "111" : "333")
                    + ";background:#" + (random.nextBoolean() ? "fff" : "e8ecf0");
            html.append(String.format(Locale.ROOT, "<div style=\"left:%dpx;top:%dpx;font-size:%dpx;%s\"><span data-px=\"%d\">%s</span></div>",
                    x, y, px, colours, px, labels.get(i)));
        }
        html.append("<script>\n"
                + "function report(){const out=[];for(const s of document.querySelectorAll('span')){const r=s.getBoundingClientRect();"
                + "out.push({text:s.textContent,px:+s.dataset.px,x:Math.round(r.left+window.mozInnerScreenX),"
                + "y:Math.round(r.top+window.mozInnerScreenY),w:Math.round(r.width),h:Math.round(r.height)});}"
                + "fetch('/boxes',{method:'POST',body:JSON.stringify(out)});}\n"
                + "let changes=0;document.addEventListener('keydown',e=>{if(e.key==='r')report();if(e.key==='h')document.body.classList.add('hide');"
                + "if(e.key==='s')document.body.classList.remove('hide');"
                + "if(e.key==='c'){changes++;document.querySelector('span').textContent='Changed '+changes;}});\n"
                + "</script></body></html>");
        return html.toString();
    }
}
