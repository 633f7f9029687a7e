package io.vmservice.provider.local;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.MouseButton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The input channel's soak: ACTIONS actions (default 100,000) on one sandbox, moves with a click
 * every tenth, printing at the start, every fifth of the run and at the end the sandbox's
 * processes, this JVM's file descriptors and threads, how many helpers were started, and the
 * p50 of the actions since the last line. Run by {@code scripts/soak --input}; asserts nothing.
 */
public final class InputSoak {

    private InputSoak() {
    }

    public static void main(String[] args) throws IOException {
        int actions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int every = Math.max(1, actions / 5);
        try (LocalProvider provider = LocalProvider.builder().warmPool(0).build()) {
            TrackedSandbox sandbox = (TrackedSandbox) provider.create("input-soak",
                    SandboxConfig.builder().template("minimal").build());
            DesktopDriver desktop = new DesktopDriver(sandbox);
            desktop.moveMouse(1, 1);
            System.out.printf(Locale.ROOT, "%10s %10s %10s %8s %8s %10s %12s%n", "actions", "seconds", "processes",
                    "fds", "threads", "helpers", "p50 ms");
            print(sandbox, 0, 0, Double.NaN);
            long start = System.nanoTime();
            double[] ms = new double[every];
            for (int i = 1; i <= actions; i++) {
                long t0 = System.nanoTime();
                if (i % 10 == 0) {
                    desktop.click(MouseButton.LEFT);
                } else {
                    desktop.moveMouse(100 + i % 800, 100 + i % 500);
                }
                ms[(i - 1) % every] = (System.nanoTime() - t0) / 1e6;
                if (i % every == 0 || i == actions) {
                    double[] chunk = Arrays.copyOf(ms, i % every == 0 ? every : i % every);
                    Arrays.sort(chunk);
                    print(sandbox, i, (System.nanoTime() - start) / 1e9, chunk[chunk.length / 2]);
                }
            }
        }
    }

    private static void print(TrackedSandbox sandbox, int actions, double seconds, double p50) throws IOException {
        long fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            fds = entries.count();
        }
        System.out.printf(Locale.ROOT, "%10d %10.1f %10d %8d %8d %10d %12.2f%n", actions, seconds,
                sandbox.local().processes().size(), fds, Thread.activeCount(),
                sandbox.local().inputChannel().helpersStarted(), p50);
    }
}
