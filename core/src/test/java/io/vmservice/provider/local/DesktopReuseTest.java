package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.SandboxReleasedException;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.screen.Screenshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With reuse on, a destroyed desktop comes back to its user in the state it booted in; one that a
 * test changed beyond what a restore puts back is destroyed instead. Each hand-out is a lease of
 * its own: the handle of a test that gave the desktop back cannot act on it once it serves the
 * next test, and says so with a typed error.
 */
class DesktopReuseTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final SandboxConfig DESKTOP = SandboxConfig.defaults();

    private final Path baseDir = Path.of("/tmp", "vmservice-reuse-" + System.nanoTime());
    private LocalProvider provider;

    @BeforeEach
    void startProvider() {
        provider = LocalProvider.builder().baseDir(baseDir).reuse(1).build();
    }

    @AfterEach
    void closeProvider() {
        provider.close();
        SandboxLayout.deleteTree(baseDir);
    }

    @Test
    void aUsedDesktopComesBackToItsUserInTheStateItBootedIn() {
        TrackedSandbox first = (TrackedSandbox) provider.create("first", "alice", DESKTOP);
        Path directory = first.local().directory();
        Screenshot booted = first.screenshot();
        String bootProcesses = processNames(first);

        first.startBackground(DesktopCommand.of("mousepad"));
        await("mousepad's window").atMost(TEN_SECONDS)
                .until(() -> first.run("xdotool search --onlyvisible --class mousepad", TEN_SECONDS).exitCode() == 0);
        first.writeFile("/home/user/notes/today.txt", "written by the first test".getBytes(StandardCharsets.UTF_8));
        first.run("echo left > /tmp/left.txt; touch /dev/shm/segment /run/marker; xdotool keydown shift set_desktop 2",
                TEN_SECONDS);
        assertThat(first.screenshot().samePixels(booted)).as("the first test changed the screen").isFalse();
        first.close();

        assertThat(provider.reusableSandboxes()).hasSize(1);
        TrackedSandbox second = (TrackedSandbox) provider.create("second", "alice", DESKTOP);
        assertThat(second.local().directory()).as("the same desktop").isEqualTo(directory);
        assertThat(second.id()).isEqualTo("second");
        assertThat(processNames(second)).isEqualTo(bootProcesses);
        assertThat(second.run("ls -A /home/user/notes /tmp/left.txt /dev/shm/segment /run/marker 2>&1 | grep -vc 'No such file'",
                TEN_SECONDS).stdout().strip()).as("paths of the first test still there").isEqualTo("0");
        assertThat(second.run("xdotool get_desktop", TEN_SECONDS).stdout().strip()).isEqualTo("0");
        assertThat(second.run("xinput query-state 'Virtual core keyboard' | grep -c '=down'", TEN_SECONDS).stdout().strip())
                .as("keys held down").isEqualTo("0");
        assertThat(second.screenshot().samePixels(booted)).as("the screen as it booted").isTrue();
        assertThat(second.logs()).doesNotContain("mousepad");

        // The first test's handle must not reach the desktop it gave up, nor give it up twice.
        first.close();
        assertThatThrownBy(() -> first.writeFile("/home/user/late.txt", new byte[1]))
                .isInstanceOf(SandboxNotFoundException.class);
        assertThat(provider.reusableSandboxes()).isEmpty();
        assertThat(second.isAlive()).isTrue();
    }

    @Test
    void anotherUserNeverGetsAUsedDesktop() {
        TrackedSandbox alices = (TrackedSandbox) provider.create("alices", "alice", DESKTOP);
        Path directory = alices.local().directory();
        alices.close();

        TrackedSandbox bobs = (TrackedSandbox) provider.create("bobs", "bob", DESKTOP);

        assertThat(bobs.local().directory()).isNotEqualTo(directory);
        assertThat(provider.reusableSandboxes()).extracting(LocalSandbox::directory).containsExactly(directory);
    }

    /** Each changes what a restore does not put back: the desktop must be destroyed, not reused. */
    @ParameterizedTest
    @ValueSource(strings = {
        "xfconf-query -c xfwm4 -p /general/workspace_count -s 2",
        "xset r off",
        "xprop -root -f LEFT_BY_A_TEST 8s -set LEFT_BY_A_TEST yes",
        "kill $(pgrep -x xfce4-panel)",
    })
    void aDesktopChangedBeyondARestoreIsDestroyed(String change) {
        TrackedSandbox used = (TrackedSandbox) provider.create("used", "alice", DESKTOP);
        Path directory = used.local().directory();
        assertThat(used.run(change, TEN_SECONDS).exitCode()).isZero();

        used.close();

        assertThat(provider.reusableSandboxes()).isEmpty();
        assertThat(Files.exists(directory)).as("its directory removed").isFalse();
    }

    @Test
    void anOldLeaseCannotActOnTheDesktopHandedToTheNextTest() {
        TrackedSandbox first = (TrackedSandbox) provider.create("first", "alice", DESKTOP);
        Lease firstLease = first.lease();
        first.close();
        TrackedSandbox second = (TrackedSandbox) provider.create("second", "alice", DESKTOP);
        assertThat(second.local()).as("the same desktop").isSameAs(first.local());

        List<ThrowingCallable> actions = List.of(
                () -> first.run("touch /home/user/late.txt", TEN_SECONDS),
                () -> first.exec(DesktopCommand.of("touch", "/home/user/late.txt"), TEN_SECONDS),
                () -> first.input(DesktopCommands.moveMouse(1, 1), TEN_SECONDS),
                () -> first.writeFile("/home/user/late.txt", new byte[1]),
                () -> first.readFile("/etc/hostname"),
                () -> first.startBackground(DesktopCommand.of("touch", "/home/user/late.txt")),
                first::screenshot,
                first::logs,
                () -> first.startStream(StreamConfig.defaults()),
                first::stopStream);
        for (ThrowingCallable action : actions) {
            assertThatThrownBy(action).isInstanceOf(SandboxReleasedException.class)
                    .hasMessageContaining("first").hasMessageContaining("closed by this handle");
        }
        assertThat(first.isAlive()).isFalse();
        assertThat(second.run("test -e /home/user/late.txt", TEN_SECONDS).exitCode())
                .as("the old handle's file on the next test's desktop").isNotZero();

        // Each lease keeps what it was handed; the second hand-out changed nothing of the first.
        assertThat(firstLease).isNotEqualTo(second.lease());
        assertThat(first.id()).isEqualTo(firstLease.id()).isEqualTo("first");
        assertThat(second.id()).isEqualTo("second");
        first.close();
        assertThat(second.isAlive()).as("the second test's desktop after the old handle closed again").isTrue();
        assertThat(provider.reusableSandboxes()).isEmpty();
    }

    @Test
    void aHandleClosedFromSeveralThreadsGivesItsDesktopBackOnce() throws Exception {
        TrackedSandbox used = (TrackedSandbox) provider.create("used", "alice", DESKTOP);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                closes.add(threads.submit(() -> {
                    go.await();
                    used.close();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> close : closes) {
                close.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(provider.reusableSandboxes()).as("desktops kept for reuse").hasSize(1)
                .allMatch(LocalSandbox::isAlive);
        assertThat(provider.activeCount()).isZero();
    }

    private static String processNames(TrackedSandbox sandbox) {
        // Running ones: a killed process may wait a moment as a zombie for its parent.
        return sandbox.run("ps -e -o stat=,comm= | awk '$1 !~ /^Z/ && $2 !~ /^(ps|bash|awk|sort)$/ {print $2}' | sort",
                TEN_SECONDS).stdout();
    }
}
