package io.vmservice.security;

import io.vmservice.VmServiceClient;

/**
 * N create/use/destroy cycles (default 500) on the local provider, printing what the JVM holds
 * at the start, every 100 cycles and at the end: processes, file descriptors, threads, resident
 * and native memory. Run by {@code scripts/soak [CYCLES]}, which turns native memory tracking on.
 * Prints figures, asserts nothing; {@link SoakTest} is the short version that asserts.
 */
public final class SoakHarness {

    private SoakHarness() {
    }

    public static void main(String[] args) {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            // The first cycles load classes and start the client's pools: figures start after them.
            for (int i = 0; i < 5; i++) {
                SoakCycle.run(client, i);
            }
            System.gc();
            System.out.println(ResourceFigures.now().row("start"));
            long started = System.nanoTime();
            for (int i = 1; i <= cycles; i++) {
                SoakCycle.run(client, i);
                if (i % 100 == 0 && i < cycles) {
                    System.out.println(ResourceFigures.now().row("cycle " + i));
                }
            }
            System.gc();
            System.out.println(ResourceFigures.now().row("end (" + cycles + ")"));
            System.out.printf("%d cycles in %d s, %d ms a cycle%n", cycles, (System.nanoTime() - started) / 1_000_000_000,
                    (System.nanoTime() - started) / 1_000_000 / cycles);
        }
    }
}
