package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sandbox closed from several threads at once, and while the provider shuts down as the JVM's
 * hook does, is torn down by exactly one of them: every caller returns, and the real processes
 * of the sandbox, Xvfb and its session among them, are gone.
 */
class LocalSandboxCloseRaceTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();
    private static final int THREADS = 8;

    private final Path baseDir = Path.of("/tmp", "vmservice-close-race-" + System.nanoTime());
    private final ExecutorService racers = Executors.newFixedThreadPool(THREADS + 2);
    private LocalProvider provider;

    @AfterEach
    void cleanUp() {
        racers.shutdownNow();
        if (provider != null) {
            provider.close();
        }
        SandboxLayout.deleteTree(baseDir);
    }

    @Test
    void closesFromSeveralThreadsTearDownExactlyOnce() throws Exception {
        provider = LocalProvider.builder().baseDir(baseDir).build();
        TrackedSandbox sandbox = (TrackedSandbox) provider.create("race-threads", MINIMAL);
        List<Long> pids = runningProcesses(sandbox);

        List<Boolean> toreDown = race(THREADS, () -> sandbox.local().tearDown());

        assertThat(toreDown).as("calls that tore the sandbox down").containsOnlyOnce(true).hasSize(THREADS);
        assertGone(sandbox, pids);
    }

    @Test
    void closesRacingTheShutdownHookTearDownOnceAndAllReturn() throws Exception {
        provider = LocalProvider.builder().baseDir(baseDir).build();
        TrackedSandbox sandbox = (TrackedSandbox) provider.create("race-shutdown", MINIMAL);
        List<Long> pids = runningProcesses(sandbox);

        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS / 2; i++) {
            calls.add(() -> sandbox.local().tearDown());
            calls.add(() -> {
                sandbox.close();
                return false;
            });
        }
        calls.add(() -> {
            provider.shutdown();
            return false;
        });
        List<Boolean> toreDown = race(calls);

        // The shutdown path or a handle's close may have won; then no direct call did.
        assertThat(toreDown.stream().filter(Boolean::booleanValue).count()).as("direct calls that tore down")
                .isLessThanOrEqualTo(1);
        assertThat(sandbox.local().tearDown()).as("a teardown after the race").isFalse();
        assertGone(sandbox, pids);
        assertThat(provider.activeCount()).isZero();
    }

    /** The namespace's init, Xvfb, the session and a sleep, as host pids once they all run. */
    private static List<Long> runningProcesses(TrackedSandbox sandbox) {
        sandbox.startBackground(DesktopCommand.of("sleep", "600"));
        List<Long> pids = await("the sandbox's processes").atMost(FIVE_SECONDS)
                .until(() -> sandbox.local().processes(), found -> found.size() >= 4);
        assertThat(pids.stream().map(LocalSandboxCloseRaceTest::command)).as("commands of the sandbox's processes")
                .anyMatch(c -> c.contains("Xvfb")).anyMatch(c -> c.contains("sleep"));
        return pids;
    }

    private static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("");
    }

    private static void assertGone(TrackedSandbox sandbox, List<Long> pids) {
        assertThat(pids).as("processes of the sandbox still running")
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(sandbox.local().directory()).doesNotExist();
        assertThat(sandbox.local().isAlive()).isFalse();
        assertThatThrownBy(() -> sandbox.local().run("true", FIVE_SECONDS)).isInstanceOf(SandboxNotFoundException.class);
    }

    private List<Boolean> race(int copies, Callable<Boolean> call) throws Exception {
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            calls.add(call);
        }
        return race(calls);
    }

    /** Runs the calls on threads of their own, released together, and waits until every one has returned. */
    private List<Boolean> race(List<Callable<Boolean>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (Callable<Boolean> call : calls) {
            results.add(racers.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Boolean> values = new ArrayList<>();
        for (Future<Boolean> result : results) {
            values.add(result.get(30, TimeUnit.SECONDS));
        }
        return values;
    }
}
