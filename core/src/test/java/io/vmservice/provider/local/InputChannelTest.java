package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Point;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The input channel of a real local sandbox: one helper process for every action, answers and
 * errors at the call that caused them, a killed helper replaced, and nothing left after close.
 * The helper is the XTEST agent here; {@link BashLoopInputChannelTest} runs the same tests on a
 * sandbox whose python3 cannot start, where the helper is the bash loop.
 */
class InputChannelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static LocalProvider provider;
    private static TrackedSandbox sandbox;
    private static DesktopDriver desktop;

    @BeforeAll
    static void boot() {
        start(Map.of());
    }

    static void start(Map<String, String> environment) {
        if (provider != null) {
            // A subclass's @BeforeAll runs after this class's: its sandbox replaces this one.
            provider.close();
        }
        provider = LocalProvider.create();
        sandbox = (TrackedSandbox) provider.create("input-" + System.nanoTime(),
                SandboxConfig.builder().template("minimal").resolution(800, 600).environment(environment).build());
        desktop = new DesktopDriver(sandbox);
    }

    /** The program the sandbox's helper runs. */
    String expectedHelper() {
        return "python3";
    }

    @AfterAll
    static void destroy() {
        provider.close();
    }

    @Test
    void theHelperIsTheProgramThisSandboxCanRun() {
        desktop.moveMouse(2, 2);
        assertThat(helperPids()).hasSize(1);
        assertThat(cmdline(helperPids().get(0))).startsWith(expectedHelper() + "\0");
    }

    @Test
    void everyActionGoesThroughOneHelperProcess() {
        desktop.moveMouse(10, 10);
        List<Long> helpers = helperPids();
        int processes = sandbox.local().processes().size();
        int started = channel().helpersStarted();
        for (int i = 0; i < 200; i++) {
            desktop.moveMouse(100 + i, 50 + i);
            assertThat(desktop.cursorPosition()).isEqualTo(new Point(100 + i, 50 + i));
        }
        assertThat(helpers).hasSize(1);
        assertThat(helperPids()).isEqualTo(helpers);
        assertThat(channel().helpersStarted()).isEqualTo(started);
        assertThat(sandbox.local().processes()).hasSize(processes);
    }

    @Test
    void anErrorIsTheSameTypedErrorAtTheCallThatCausedIt() {
        assertThatThrownBy(() -> desktop.pressKeys(List.of("NoSuchKeyName"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key").hasMessageContaining("No such key name");
        assertThatThrownBy(() -> desktop.windowTitle("12345"))
                .isInstanceOfSatisfying(VmServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("DESKTOP_ACTION_FAILED"));
        desktop.moveMouse(321, 123);
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(321, 123));
    }

    @Test
    void argumentsReachTheProgramLiterallyAndItsOutputComesBackWhole() {
        // The helper passes arguments without a shell: xdotool gets "--" and this text as one argument.
        var result = sandbox.input(DesktopCommand.of("xdotool", "getmouselocation", "--shell"), TIMEOUT);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("X=").contains("\nY=").endsWith("\n");
        var odd = sandbox.input(DesktopCommand.of("xdotool", "search", "--name", "$(touch /tmp/pwned)\n'\"end"), TIMEOUT);
        assertThat(odd.exitCode()).isEqualTo(1);
        assertThat(sandbox.run("test -e /tmp/pwned", TIMEOUT).exitCode()).isEqualTo(1);
    }

    @Test
    void aKilledHelperIsReplacedOnceAndTheActionRuns() {
        desktop.moveMouse(20, 20);
        int started = channel().helpersStarted();
        List<Long> helpers = helperPids();
        helpers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        await("the helper to end").atMost(TIMEOUT).until(() -> helperPids().stream().noneMatch(helpers::contains));

        desktop.moveMouse(222, 111);

        assertThat(desktop.cursorPosition()).isEqualTo(new Point(222, 111));
        assertThat(channel().helpersStarted()).isEqualTo(started + 1);
        assertThat(helperPids()).hasSize(1).doesNotContainAnyElementsOf(helpers);
    }

    @Test
    void aHelperKilledWhileACommandRunsIsNotAskedAgainAndTheCommandIsReportedKilled() throws Exception {
        desktop.moveMouse(40, 40);
        int started = channel().helpersStarted();
        List<Long> helpers = helperPids();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<io.vmservice.sandbox.CommandResult> sleeping = thread.submit(
                    () -> sandbox.input(DesktopCommand.of("xdotool", "sleep", "30"), Duration.ofSeconds(60)));
            await("the helper to run the command").atMost(TIMEOUT).until(() -> sandbox.local().processes().stream()
                    .anyMatch(pid -> cmdline(pid).equals("xdotool\0sleep\0" + "30\0")));
            // The helper first, so it cannot answer; then the command, which holds the helper's pipes.
            helpers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            await("the helper to end").atMost(TIMEOUT).until(() -> helperPids().isEmpty());
            sandbox.local().processes().stream().filter(pid -> cmdline(pid).startsWith("xdotool\0sleep"))
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

            io.vmservice.sandbox.CommandResult killed = sleeping.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(killed.exitCode()).isEqualTo(137);
            assertThat(killed.stderr()).contains("ended while the command ran");
            assertThat(channel().helpersStarted()).as("a command that may have run is not sent again").isEqualTo(started);
        } finally {
            thread.shutdownNow();
        }
        desktop.moveMouse(41, 41);
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(41, 41));
        assertThat(channel().helpersStarted()).isEqualTo(started + 1);
    }

    @Test
    void aCommandPastItsTimeoutEndsTheHelperAndTheNextActionStartsAnother() {
        desktop.moveMouse(30, 30);
        int started = channel().helpersStarted();
        assertThatThrownBy(() -> sandbox.input(DesktopCommand.of("xdotool", "sleep", "20"), Duration.ofMillis(500)))
                .isInstanceOf(CommandTimeoutException.class);
        await("the timed-out helper to end").atMost(TIMEOUT).until(() -> helperPids().isEmpty());

        desktop.moveMouse(31, 31);
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(31, 31));
        assertThat(channel().helpersStarted()).isEqualTo(started + 1);
    }

    @Test
    void callsFromManyThreadsAreServedOneAtATimeWithTheirOwnAnswers() throws Exception {
        desktop.moveMouse(1, 1);
        int started = channel().helpersStarted();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    List<String> titles = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        desktop.moveMouse(100 * thread + i, 100 + i);
                        // Each caller gets its own answer, never another caller's empty one.
                        titles.add(desktop.screenSize().toString());
                    }
                    return titles;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).hasSize(25).containsOnly("800x600");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(channel().helpersStarted()).isEqualTo(started);
    }

    @Test
    void refusesCommandsItDoesNotCarry() {
        assertThatThrownBy(() -> channel().run(DesktopCommand.of("sh", "-c", "true"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InputChannel.carries(DesktopCommand.of("xdotool", "type", "a\0b"))).isFalse();
        // exec still runs them, as before.
        assertThat(sandbox.input(DesktopCommand.of("true"), TIMEOUT).exitCode()).isZero();
    }

    @Test
    void closingASandboxEndsItsHelperAndLeavesNoProcessOrDescriptorBehind() throws IOException {
        TrackedSandbox other = (TrackedSandbox) provider.create("input-close-" + System.nanoTime(),
                SandboxConfig.builder().template("minimal").build());
        long descriptorsBefore = openDescriptors();
        DesktopDriver otherDesktop = new DesktopDriver(other);
        for (int i = 0; i < 50; i++) {
            otherDesktop.moveMouse(i, i);
        }
        assertThat(other.local().inputChannel()).as("two sandboxes never share a channel").isNotSameAs(channel());
        assertThat(helperPids(other)).hasSize(1).doesNotContainAnyElementsOf(helperPids());
        long helperHostPid = helperPids(other).get(0);

        other.close();

        assertThat(ProcessHandle.of(helperHostPid)).isEmpty();
        assertThatThrownBy(() -> otherDesktop.moveMouse(1, 1)).isInstanceOf(SandboxNotFoundException.class);
        await("the helper's pipes to be closed").atMost(TIMEOUT).until(() -> openDescriptors() <= descriptorsBefore);
    }

    private static InputChannel channel() {
        return sandbox.local().inputChannel();
    }

    private static List<Long> helperPids() {
        return helperPids(sandbox);
    }

    /** Host pids of the sandbox's input helpers: bash or python3 with vmservice-input as last argument. */
    private static List<Long> helperPids(TrackedSandbox sandbox) {
        return sandbox.local().processes().stream().filter(pid -> cmdline(pid).endsWith("\0vmservice-input\0")).toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
