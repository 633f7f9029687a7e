package io.vmservice.provider.local;

import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Target;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.SandboxProvider;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The input channel's figures on a desktop sandbox, each beside references measured in the same
 * run: one action through the channel, through a process per action (nsenter, as before the
 * channel), and {@code xdotool} alone timed inside the sandbox; typing 1,000 characters into
 * mousepad, then saving them and checking the file holds them in order; a locator's {@code click()}
 * end to end. Run by {@code scripts/bench}; prints a table, asserts nothing.
 */
public final class InputBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TEXT = IntStream.range(0, 1000).mapToObj(i -> String.valueOf((char) (33 + (i * 7) % 94)))
            .collect(Collectors.joining());

    private InputBench() {
    }

    public static void main(String[] args) {
        int actions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int typings = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int clicks = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<String> rows = new ArrayList<>();
        try (LocalProvider provider = LocalProvider.builder().warmPool(0).build()) {
            ProviderSandbox sandbox = provider.create("bench-input", SandboxConfig.defaults());
            DesktopDriver channel = new DesktopDriver(sandbox);
            DesktopDriver perProcess = new DesktopDriver(new ProcessPerAction(sandbox));
            channel.moveMouse(1, 1);
            // The channel's helper before the XTEST agent, and still its fallback: python3 cannot start here.
            DesktopDriver bashLoop = new DesktopDriver(provider.create("bench-input-bash",
                    SandboxConfig.builder().environment(Map.of("PYTHONHOME", "/nonexistent")).build()));
            bashLoop.moveMouse(1, 1);

            List<Double> viaChannel = new ArrayList<>();
            List<Double> viaBashLoop = new ArrayList<>();
            List<Double> viaProcess = new ArrayList<>();
            for (int i = 0; i < actions; i++) {
                int x = 100 + i % 500;
                viaChannel.add(timeMs(() -> channel.moveMouse(x, 100)));
                viaBashLoop.add(timeMs(() -> bashLoop.moveMouse(x, 150)));
                viaProcess.add(timeMs(() -> perProcess.moveMouse(x, 200)));
            }
            double bare = bareXdotoolMs(sandbox, actions);
            double noop = p50(IntStream.range(0, 100).mapToObj(i -> timeMs(
                    () -> sandbox.exec(DesktopCommand.of("true"), TIMEOUT))).toList());
            rows.add(row("one action through the channel (mousemove, p50 of " + actions + ")", p50(viaChannel), bare,
                    "xdotool alone, in the sandbox"));
            rows.add(row("  p90 " + fmt(percentile(viaChannel, 0.9)) + " ms", p50(viaChannel), p50(viaProcess),
                    "a process per action"));
            rows.add(row("  against the channel's bash loop (its fallback)", p50(viaChannel), p50(viaBashLoop),
                    "bash loop, xdotool per action"));
            rows.add(row("one action through the bash loop", p50(viaBashLoop), bare, "xdotool alone, in the sandbox"));
            rows.add(row("one action, a process per action (as before)", p50(viaProcess), bare, "xdotool alone, in the sandbox"));
            rows.add(row("`true` in the sandbox, a process per action", noop, null, null));

            channel.launch("mousepad", null);
            String editor = await("mousepad's window").atMost(TIMEOUT)
                    .until(() -> channel.applicationWindows("mousepad"), ids -> !ids.isEmpty()).get(0);
            await("mousepad to have the focus").atMost(TIMEOUT).until(channel::currentWindowId, editor::equals);
            // Each run replaces the editor's text, so the file saved at the end holds the last run's.
            double typedProcess = p50(IntStream.range(0, typings).mapToObj(i -> retypeMs(perProcess)).toList());
            double typedChannel = p50(IntStream.range(0, typings).mapToObj(i -> retypeMs(channel)).toList());
            rows.add(row("typing 1,000 ASCII characters into mousepad, delay 0, chunks of 25 (p50 of " + typings + ")",
                    typedChannel, typedProcess, "a process per chunk"));
            rows.add("  saved by mousepad after the last run: " + savedText(sandbox, channel));
        }
        rows.add(locatorClick(clicks));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-66s %12s %40s %8s%n", "input figure (desktop template)", "value", "same-run reference", "ratio");
        rows.forEach(System.out::println);
    }

    /** Selects the editor's text, then types the 1,000 characters over it: the typing is timed. */
    private static double retypeMs(DesktopDriver desktop) {
        desktop.pressKeys(List.of("ctrl", "a"));
        return timeMs(() -> desktop.typeText(TEXT, 25, 0));
    }

    /** Saves mousepad's text and says whether the file holds the 1,000 characters, in order. */
    private static String savedText(ProviderSandbox sandbox, DesktopDriver desktop) {
        desktop.pressKeys(List.of("ctrl", "s"));
        await("the save dialog").atMost(TIMEOUT).until(() -> desktop.windowTitle(desktop.currentWindowId()).contains("Save"));
        desktop.typeText("typed.txt", 25, 5);
        Screens.awaitStable(sandbox);
        desktop.pressKeys(List.of("enter"));
        String saved = await("typed.txt to be saved").atMost(TIMEOUT).ignoreExceptions()
                .until(() -> new String(sandbox.readFile("/home/user/typed.txt"), StandardCharsets.UTF_8), s -> !s.isEmpty());
        if (saved.equals(TEXT)) {
            return "all 1,000 characters, in order";
        }
        int first = 0;
        while (first < Math.min(saved.length(), TEXT.length()) && saved.charAt(first) == TEXT.charAt(first)) {
            first++;
        }
        return "DIFFERENT: " + saved.length() + " characters, the first difference at index " + first;
    }

    /** {@code xdotool mousemove} timed inside the sandbox by bash's own clock: no process but xdotool's. */
    private static double bareXdotoolMs(ProviderSandbox sandbox, int count) {
        CommandResult r = sandbox.run("for i in $(seq " + count + "); do s=${EPOCHREALTIME/./}; xdotool mousemove"
                + " $((100 + i % 500)) 300; e=${EPOCHREALTIME/./}; echo $((e - s)); done", Duration.ofMinutes(5));
        return p50(r.stdout().lines().map(us -> Long.parseLong(us) / 1000.0).toList());
    }

    /** A locator finds a red square and clicks it, through a client on each transport. */
    private static String locatorClick(int clicks) {
        double channel = locatorClickMs(false, clicks);
        double perProcess = locatorClickMs(true, clicks);
        return row("locator click() end to end: find, stable, move, click (p50 of " + clicks + ")", channel, perProcess,
                "a process per action");
    }

    private static double locatorClickMs(boolean processPerAction, int clicks) {
        LocalProvider local = LocalProvider.builder().warmPool(0).build();
        SandboxProvider provider = processPerAction ? new PerActionProvider(local) : local;
        try (VmServiceClient client = VmServiceClient.builder().provider(provider).build()) {
            SandboxInfo info = client.createSandbox("bench");
            Desktop desktop = Desktop.of(client, info.sandboxId());
            client.runCommand(info.sandboxId(), "xlogo -bg red -fg red -geometry 120x120+400+300 >/dev/null 2>&1 &",
                    TIMEOUT);
            Target red = new ColourBox(0xFFFF0000);
            desktop.find(red).waitVisible();
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < clicks; i++) {
                ms.add(timeMs(() -> desktop.find(red).click()));
            }
            return p50(ms);
        } finally {
            local.close();
        }
    }

    private static double timeMs(Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double p50(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String row(String name, double value, Double reference, String referenceName) {
        String ref = reference == null ? "" : String.format(Locale.ROOT, "%.2f ms (%s)", reference, referenceName);
        String ratio = reference == null ? "" : String.format(Locale.ROOT, "%.2fx", value / reference);
        return String.format(Locale.ROOT, "%-66s %9.2f ms %40s %8s", name, value, ref, ratio);
    }

    /** The bounding box of every pixel of one colour: a target found by a real search of the screen. */
    private record ColourBox(int argb) implements Target {
        @Override
        public SearchResult search(Screenshot screen) {
            IntBuffer pixels = screen.pixels();
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
            for (int i = 0; i < pixels.limit(); i++) {
                if (pixels.get(i) == argb) {
                    int x = i % screen.width();
                    int y = i / screen.width();
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
            if (maxX < 0) {
                return SearchResult.none(1.0);
            }
            Match match = new Match(new Region(minX, minY, maxX - minX + 1, maxY - minY + 1), 1.0);
            return new SearchResult(List.of(match), java.util.Optional.of(match), 1.0);
        }

        @Override
        public String description() {
            return String.format(Locale.ROOT, "colour #%06X", argb & 0xFFFFFF);
        }
    }

    /** A provider whose sandboxes run every input command as a process of its own, as before the channel. */
    private record PerActionProvider(SandboxProvider provider) implements SandboxProvider {
        @Override
        public String name() {
            return provider.name();
        }

        @Override
        public ProviderSandbox create(String sandboxId, SandboxConfig config) {
            return new ProcessPerAction(provider.create(sandboxId, config));
        }

        @Override
        public void close() {
            provider.close();
        }
    }

    /** A sandbox that leaves {@link ProviderSandbox#input} at its default: exec, a process per command. */
    private record ProcessPerAction(ProviderSandbox sandbox) implements ProviderSandbox {
        @Override
        public String id() {
            return sandbox.id();
        }

        @Override
        public SandboxConfig config() {
            return sandbox.config();
        }

        @Override
        public CommandResult exec(DesktopCommand command, Duration timeout) {
            return sandbox.exec(command, timeout);
        }

        @Override
        public CommandResult run(String commandLine, Duration timeout) {
            return sandbox.run(commandLine, timeout);
        }

        @Override
        public BackgroundProcess startBackground(DesktopCommand command) {
            return sandbox.startBackground(command);
        }

        @Override
        public void writeFile(String path, byte[] content) {
            sandbox.writeFile(path, content);
        }

        @Override
        public byte[] readFile(String path) {
            return sandbox.readFile(path);
        }

        @Override
        public Screenshot screenshot() {
            return sandbox.screenshot();
        }

        @Override
        public StreamInfo startStream(StreamConfig config) {
            return sandbox.startStream(config);
        }

        @Override
        public boolean isAlive() {
            return sandbox.isAlive();
        }

        @Override
        public String logs() {
            return sandbox.logs();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
