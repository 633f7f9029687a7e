package io.vmservice.provider.local;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Screenshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A suite of tests that each get a desktop in its boot state and do a small action (a click, a
 * screenshot, a file written and read back), run one after another: booting a desktop per test,
 * from a warm pool of never-used desktops, and reusing desktops restored to their boot state.
 * Each run is timed from building its provider to closing it, so first boots count. Run by
 * {@code scripts/bench}; prints the wall times and their ratios to the cold boots', asserts nothing.
 */
public final class SuiteBench {

    private SuiteBench() {
    }

    public static void main(String[] args) {
        int tests = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int poolSize = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SandboxConfig desktop = SandboxConfig.defaults();

        Suite cold = run(LocalProvider.builder().warmPool(0), desktop, tests);
        Suite warm = run(LocalProvider.builder().warmPool(poolSize).prewarm(desktop), desktop, tests);
        Suite reused = run(LocalProvider.builder().reuse(2), desktop, tests);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %12s %28s %8s%n", "suite of " + tests + " tests, a fresh desktop each",
                "wall", "same-run reference", "ratio");
        System.out.printf(Locale.ROOT, "%-58s %10.1f s %28s %7.0f%%%n", "warm pool of " + poolSize + ", tests one after another",
                warm.wallSeconds, String.format(Locale.ROOT, "%.1f s (cold boot per test)", cold.wallSeconds),
                100 * warm.wallSeconds / cold.wallSeconds);
        System.out.printf(Locale.ROOT, "%-58s %9.1f ms %28s%n", "  sandbox wait per test, warm pool (median, p90 "
                + String.format(Locale.ROOT, "%.0f ms", warm.createPercentile(0.9)) + ")", warm.createPercentile(0.5),
                String.format(Locale.ROOT, "%.1f ms (cold boot)", cold.createPercentile(0.5)));
        System.out.printf(Locale.ROOT, "%-58s %10.1f s %28s %7.0f%%%n", "2 desktops reused in turn, each restored while the other runs",
                reused.wallSeconds, String.format(Locale.ROOT, "%.1f s (cold boot per test)", cold.wallSeconds),
                100 * reused.wallSeconds / cold.wallSeconds);
        System.out.printf(Locale.ROOT, "%-58s %9.1f ms %28s%n", "  sandbox wait per test, reused (median, p90 "
                + String.format(Locale.ROOT, "%.0f ms", reused.createPercentile(0.9)) + ")", reused.createPercentile(0.5),
                String.format(Locale.ROOT, "%.1f ms (cold boot)", cold.createPercentile(0.5)));
    }

    private static Suite run(LocalProvider.Builder builder, SandboxConfig config, int tests) {
        List<Double> createMs = new ArrayList<>();
        List<Double> closeMs = new ArrayList<>();
        long start = System.nanoTime();
        try (LocalProvider provider = builder.build()) {
            for (int i = 0; i < tests; i++) {
                long t0 = System.nanoTime();
                ProviderSandbox sandbox = provider.create("suite-" + i, "suite", config);
                createMs.add((System.nanoTime() - t0) / 1e6);
                smallAction(sandbox, i);
                t0 = System.nanoTime();
                sandbox.close();
                closeMs.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return new Suite((System.nanoTime() - start) / 1e9, createMs, closeMs);
    }

    private static void smallAction(ProviderSandbox sandbox, int i) {
        new DesktopDriver(sandbox).click(300 + i, 400, MouseButton.LEFT);
        Screenshot screen = sandbox.screenshot();
        if (screen.width() != 1024) {
            throw new IllegalStateException("unexpected screen " + screen.width() + "x" + screen.height());
        }
        sandbox.writeFile("/home/user/test.txt", ("test " + i).getBytes(StandardCharsets.UTF_8));
        if (!new String(sandbox.readFile("/home/user/test.txt"), StandardCharsets.UTF_8).equals("test " + i)) {
            throw new IllegalStateException("the file did not come back");
        }
    }

    private record Suite(double wallSeconds, List<Double> createMs, List<Double> closeMs) {
        double createPercentile(double p) {
            return percentile(createMs, p);
        }

        double closePercentile(double p) {
            return percentile(closeMs, p);
        }

        private static double percentile(List<Double> values, double p) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
        }
    }
}
