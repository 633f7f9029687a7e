package io.vmservice.provider.e2b;

import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One input action on the E2B provider against the protocol server, real HTTP on loopback: a
 * {@code SendInput} to the sandbox's input helper against a {@code Process/Start} per action, as
 * before the channel, with the HTTP requests each one makes. Run by {@code scripts/bench}.
 */
public final class E2bInputBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private E2bInputBench() {
    }

    public static void main(String[] args) {
        int actions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // A desktop boots inside the protocol server's own sandbox: give it time on a busy machine.
        try (ProtocolFixture fixture = ProtocolFixture.start(b -> b.bootTimeout(Duration.ofMinutes(3)))) {
            E2bSandbox sandbox = fixture.provider.create("bench-e2b-input", "bench", SandboxConfig.defaults());
            sandbox.input(DesktopCommands.moveMouse(1, 1), TIMEOUT);
            Figure channel = measure(fixture, actions, (x, y) -> sandbox.input(DesktopCommands.moveMouse(x, y), TIMEOUT));
            Figure perProcess = measure(fixture, actions, (x, y) -> sandbox.exec(DesktopCommands.moveMouse(x, y), TIMEOUT));
            Figure noop = measure(fixture, actions / 4, (x, y) -> sandbox.exec(DesktopCommand.of("true"), TIMEOUT));
            System.out.println();
            System.out.printf(Locale.ROOT, "%-66s %12s %40s %8s%n", "E2B input figure (protocol server, loopback HTTP)",
                    "value", "same-run reference", "ratio");
            System.out.printf(Locale.ROOT, "%-66s %9.2f ms %40s %7.2fx%n", "one action through SendInput (p50 of " + actions
                    + ", " + fmt(channel.requestsPerAction) + " HTTP requests each)", channel.p50,
                    String.format(Locale.ROOT, "%.2f ms (Process/Start per action)", perProcess.p50), channel.p50 / perProcess.p50);
            System.out.printf(Locale.ROOT, "%-66s %9.2f ms%n", "one action, Process/Start per action ("
                    + fmt(perProcess.requestsPerAction) + " HTTP requests each)", perProcess.p50);
            System.out.printf(Locale.ROOT, "%-66s %9.2f ms%n", "`true` through Process/Start", noop.p50);
        }
    }

    private static Figure measure(ProtocolFixture fixture, int actions, BiConsumer<Integer, Integer> action) {
        int before = requests(fixture);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
            long t0 = System.nanoTime();
            action.accept(100 + i % 500, 100);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        return new Figure(ms.get(ms.size() / 2), (double) (requests(fixture) - before) / actions);
    }

    private static int requests(ProtocolFixture fixture) {
        return (int) fixture.httpLog.stream().filter(line -> line.startsWith("--> ")).count();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private record Figure(double p50, double requestsPerAction) {
    }
}
