package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.SandboxConfig;
import io.vmservice.StreamConfig;
import io.vmservice.exception.SandboxReleasedException;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.provider.DesktopCommand;
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

/**
 * Each hand-out of a reused desktop is a lease of its own: the handle of a test that gave the
 * desktop back cannot act on it once it serves the next test, and says so with a typed error.
 */
class LocalSandboxLeaseTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final SandboxConfig DESKTOP = SandboxConfig.defaults();

    private final Path baseDir = Path.of("/tmp", "vmservice-lease-" + System.nanoTime());
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
}
