package io.vmservice.provider.local;

import static org.awaitility.Awaitility.await;

import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Figures of the local provider, each beside a reference measured in the same run: cold boot and
 * destroy, a warm sandbox's hand-out against a cold boot, screenshot from the framebuffer against
 * scrot, one input action, and an idle sandbox's memory.
 * Run by {@code scripts/bench}; prints a table, asserts nothing.
 */
public final class LocalProviderBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LocalProviderBench() {
    }

    public static void main(String[] args) throws Exception {
        int boots = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int handOuts = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<String> rows = new ArrayList<>();
        try (LocalProvider provider = LocalProvider.builder().warmPool(0).build()) {
            for (String template : List.of("desktop", "minimal")) {
                SandboxConfig config = SandboxConfig.builder().template(template).build();
                List<Double> bootMs = new ArrayList<>();
                List<Double> destroyMs = new ArrayList<>();
                List<String> measured = new ArrayList<>();
                for (int i = 0; i < boots; i++) {
                    long t0 = System.nanoTime();
                    TrackedSandbox s = (TrackedSandbox) provider.create("bench-" + template + "-" + i, config);
                    bootMs.add((System.nanoTime() - t0) / 1e6);
                    if (i == boots - 1) {
                        measureSandbox(s, template, measured);
                    }
                    t0 = System.nanoTime();
                    s.close();
                    destroyMs.add((System.nanoTime() - t0) / 1e6);
                }
                double coldMs = median(bootMs);
                rows.add(row("cold boot to ready, " + template + " (median of " + boots + ")", coldMs, "ms", null, null));
                rows.add(row("destroy, " + template + " (median of " + boots + ")", median(destroyMs), "ms", null, null));
                if (template.equals("desktop")) {
                    rows.add(handOut(config, handOuts, coldMs));
                    rows.add(restore(config, 10, coldMs));
                }
                rows.addAll(measured);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %12s %28s %8s%n", "local provider figure", "value", "same-run reference", "ratio");
        rows.forEach(System.out::println);
    }

    private static void measureSandbox(TrackedSandbox s, String template, List<String> rows) throws Exception {
        // Idle means after the session's start-up work, not during it.
        Thread.sleep(2000);
        long[] memory = memoryKb(s.local());
        rows.add(row("idle sandbox RSS, " + template + " (sum over processes)", memory[0] / 1024.0, "MB", null, null));
        rows.add(row("idle sandbox PSS, " + template + " (shared pages split)", memory[1] / 1024.0, "MB", null, null));
        if (!template.equals("minimal")) {
            return;
        }
        List<Double> fb = new ArrayList<>();
        List<Double> fbPng = new ArrayList<>();
        List<Double> scrot = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            Screenshot shot = s.screenshot();
            fb.add((System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            shot.toPng();
            fbPng.add((System.nanoTime() - t0) / 1e6 + fb.get(fb.size() - 1));
            t0 = System.nanoTime();
            s.exec(DesktopCommands.scrot("/tmp/bench.png"), TIMEOUT);
            s.readFile("/tmp/bench.png");
            scrot.add((System.nanoTime() - t0) / 1e6);
        }
        double scrotMs = median(scrot);
        rows.add(row("screenshot 1024x768, framebuffer, pixels (median of 30)", median(fb), "ms", scrotMs, "scrot + read PNG"));
        rows.add(row("screenshot 1024x768, framebuffer + PNG encode", median(fbPng), "ms", scrotMs, "scrot + read PNG"));
        List<Double> move = new ArrayList<>();
        List<Double> trueCmd = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            s.exec(DesktopCommands.moveMouse(100 + i, 100 + i), TIMEOUT);
            move.add((System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            s.exec(DesktopCommand.of("true"), TIMEOUT);
            trueCmd.add((System.nanoTime() - t0) / 1e6);
        }
        rows.add(row("one input action: xdotool mousemove (median of 50)", median(move), "ms", median(trueCmd), "`true` in the sandbox"));
    }

    /** Hand-out of a warm sandbox: the time of create() when the pool has one ready. */
    private static String handOut(SandboxConfig config, int count, double coldMs) {
        List<Double> ms = new ArrayList<>();
        try (LocalProvider provider = LocalProvider.builder().warmPool(1).prewarm(config).build()) {
            for (int i = 0; i < count; i++) {
                await("a warm sandbox").atMost(TIMEOUT).until(() -> !provider.warmSandboxes().isEmpty());
                long t0 = System.nanoTime();
                ProviderSandbox s = provider.create("bench-warm-" + i, config);
                ms.add((System.nanoTime() - t0) / 1e6);
                s.close();
            }
        }
        return row("warm pool hand-out, desktop, p50 of " + count + " (p90 " + String.format(Locale.ROOT, "%.2f", percentile(ms, 0.9))
                + ")", median(ms), "ms", coldMs, "cold boot");
    }

    /** A used desktop (an app started, files written) brought back to its boot state, timed on its own. */
    private static String restore(SandboxConfig config, int count, double coldMs) {
        List<Double> ms = new ArrayList<>();
        try (LocalProvider provider = LocalProvider.builder().warmPool(0).reuse(1).build()) {
            LocalSandbox sandbox = ((TrackedSandbox) provider.create("bench-reuse", "bench", config)).local();
            try {
                for (int i = 0; i < count; i++) {
                    sandbox.startBackground(DesktopCommand.of("xlogo"));
                    sandbox.run("echo used > /home/user/used.txt; mkdir -p /tmp/a/b", TIMEOUT);
                    long t0 = System.nanoTime();
                    sandbox.recycle().ifPresent(why -> {
                        throw new IllegalStateException("not restored: " + why);
                    });
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            } finally {
                sandbox.close();
            }
        }
        return row("restore a used desktop to its boot state, p50 of " + count + " (p90 "
                + String.format(Locale.ROOT, "%.0f", percentile(ms, 0.9)) + ")", median(ms), "ms", coldMs, "cold boot");
    }

    /** Sums VmRSS and Pss over every process in the sandbox's PID namespace. */
    private static long[] memoryKb(LocalSandbox sandbox) {
        long rss = 0;
        long pss = 0;
        for (long pid : sandbox.processes()) {
            rss += field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
            pss += field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        }
        return new long[] {rss, pss};
    }

    private static long field(Path file, String name) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(name))
                    .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0])).findFirst().orElse(0L);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    private static String row(String name, double value, String unit, Double reference, String referenceName) {
        String ref = reference == null ? "" : String.format(Locale.ROOT, "%.2f %s (%s)", reference, unit, referenceName);
        String ratio = reference == null ? "" : String.format(Locale.ROOT, "%.1fx", reference / value);
        return String.format(Locale.ROOT, "%-58s %9.2f %-2s %28s %8s", name, value, unit, ref, ratio);
    }
}
