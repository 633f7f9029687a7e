package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The XTEST agent behind the input channel, against xdotool itself on real desktops: every kind of
 * input action gives an application the same X events, and text with characters outside the
 * keymap arrives exactly, the keymap given back afterwards.
 */
class XTestAgentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Every input action the SDK sends, with the options it uses, and key names xdotool resolves. */
    private static final List<List<String>> ACTIONS = List.of(
            List.of("mousemove", "150", "120"),
            List.of("key", "Control_L+Shift_L+s"),
            List.of("key", "Return"),
            List.of("type", "--delay", "0", "--", "aB!~ x{|}\"<9"),
            List.of("key", "U0021", "shift+Tab"),
            List.of("keydown", "Shift_L"),
            List.of("type", "--delay", "5", "--", "ab"),
            List.of("keyup", "Shift_L"),
            List.of("click", "1"),
            List.of("click", "--repeat", "2", "3"),
            List.of("mousedown", "1"),
            List.of("mousemove", "200", "200"),
            List.of("mouseup", "1"),
            List.of("click", "--repeat", "3", "5"),
            List.of("mousemove", "100", "100"));

    private LocalProvider provider;

    @AfterEach
    void destroy() {
        provider.close();
    }

    @Test
    void everyInputActionGivesTheSameEventsAsXdotool() {
        provider = LocalProvider.create();
        ProviderSandbox sandbox = provider.create("agent-events-" + System.nanoTime(),
                SandboxConfig.builder().template("minimal").resolution(800, 600).build());
        DesktopDriver desktop = new DesktopDriver(sandbox);
        sandbox.startBackground(DesktopCommand.of("sh", "-c", "exec stdbuf -oL xev -geometry 400x300+50+50"
                + " -event keyboard -event button -event mouse > /tmp/xev.log"));
        String window = await("xev's window").atMost(TIMEOUT)
                .until(() -> desktop.windowsMatching("Event Tester"), ids -> !ids.isEmpty()).get(0);
        desktop.activateWindow(window);
        desktop.moveMouse(100, 100);

        int before = settledLog(sandbox).length();
        runAll(sandbox::exec);
        String log = settledLog(sandbox);
        List<String> fromXdotool = events(log.substring(before));
        runAll(sandbox::input);
        List<String> fromAgent = events(settledLog(sandbox).substring(log.length()));

        assertThat(fromXdotool).as("xdotool's events").hasSizeGreaterThan(60);
        assertThat(fromAgent).isEqualTo(fromXdotool);
    }

    @Test
    void typesTextOutsideTheKeymapIntoMousepadExactlyAndGivesTheKeymapBack() {
        provider = LocalProvider.create();
        ProviderSandbox sandbox = provider.create("agent-unicode-" + System.nanoTime(), SandboxConfig.defaults());
        DesktopDriver desktop = new DesktopDriver(sandbox);
        desktop.launch("mousepad", null);
        String window = await("mousepad's window").atMost(Duration.ofSeconds(20))
                .until(() -> desktop.applicationWindows("mousepad"), ids -> !ids.isEmpty()).get(0);
        await("mousepad to have the focus").atMost(TIMEOUT).until(desktop::currentWindowId, window::equals);
        String keymap = keymap(sandbox);

        desktop.typeText("to be replaced", 25, 0);
        desktop.pressKeys(List.of("ctrl", "a"));
        // Without delay: xdotool loses most of these, as it gives each keycode back before the editor reads it.
        String text = "Grüße → ∑ 日本, ÄÖÜ Ω € and ~!@#$%^&*()_+{}|:\"<>?";
        desktop.typeText(text, 25, 0);
        desktop.pressKeys(List.of("ctrl", "s"));
        await("the save dialog").atMost(TIMEOUT).until(() -> desktop.windowTitle(desktop.currentWindowId()).contains("Save"));
        desktop.typeText("unicode.txt", 25, 5);
        Screens.awaitStable(sandbox);
        desktop.pressKeys(List.of("enter"));

        String saved = await("unicode.txt to be saved").atMost(TIMEOUT).ignoreExceptions()
                .until(() -> new String(sandbox.readFile("/home/user/unicode.txt"), StandardCharsets.UTF_8), s -> !s.isEmpty());
        assertThat(saved).isEqualTo(text);
        await("the keycodes bound for typing to be given back").atMost(TIMEOUT).until(() -> keymap(sandbox), keymap::equals);
    }

    private static void runAll(BiFunction<DesktopCommand, Duration, CommandResult> transport) {
        for (List<String> action : ACTIONS) {
            List<String> argv = new ArrayList<>(List.of("xdotool"));
            argv.addAll(action);
            assertThat(transport.apply(new DesktopCommand(argv), TIMEOUT).exitCode()).as(argv.toString()).isZero();
        }
    }

    /** xev's log once it has stopped growing: every event sent so far has been printed. */
    private static String settledLog(ProviderSandbox sandbox) {
        AtomicReference<String> last = new AtomicReference<>();
        return await("xev to print every event").atMost(TIMEOUT).pollDelay(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> new String(sandbox.readFile("/tmp/xev.log"), StandardCharsets.UTF_8),
                        now -> now.equals(last.getAndSet(now)));
    }

    /** xev's events without what differs between two runs of the same input: serials, times, window ids. */
    private static List<String> events(String log) {
        String stable = log.replaceAll("serial \\d+|time \\d+|(window|root|subw) 0x\\p{XDigit}+", "");
        return Arrays.stream(stable.split("\n\n")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private static String keymap(ProviderSandbox sandbox) {
        return sandbox.run("xmodmap -pke", TIMEOUT).stdout();
    }
}
