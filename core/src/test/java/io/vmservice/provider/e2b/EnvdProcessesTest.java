package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.sandbox.CommandResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * envd's Process service over real HTTP: Connect server streams from the protocol server, whose
 * processes really run in a local sandbox (E2B itself cannot be reached from here).
 */
class EnvdProcessesTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static ProtocolFixture fixture;
    private static ProtocolFixture.Remote remote;
    private static EnvdProcesses processes;

    @BeforeAll
    static void start() {
        fixture = ProtocolFixture.start();
        remote = fixture.createRemote("desktop");
        processes = remote.processes();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void runsALoginShellCommandWithTheSandboxEnvironment() {
        CommandResult r = processes.run("echo \"$GREETING on $DISPLAY as $(id -un) in $PWD\"; echo oops >&2; exit 3",
                "/tmp", Map.of("EXTRA", "x"), TEN_SECONDS);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("hello from envVars on :0 as user in /tmp\n");
        assertThat(r.stderr()).isEqualTo("oops\n");
        assertThat(processes.run("echo $EXTRA", null, Map.of("EXTRA", "from the request"), TEN_SECONDS).stdout())
                .isEqualTo("from the request\n");
    }

    @Test
    void largeOutputArrivesWholeOverManyEvents() {
        CommandResult r = processes.run("head -c 300000 /dev/zero | tr '\\0' 'a'; printf 'é✓'", null, null, TEN_SECONDS);
        assertThat(r.stdout()).hasSize(300_002).startsWith("aaaa").endsWith("aé✓");
    }

    @Test
    void theTimeoutTravelsAsConnectTimeoutMsAndKillsTheCommand() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> processes.run("echo started; exec sleep 37", null, null, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(CommandTimeoutException.class, e -> {
                    assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(e.stdout()).isEqualTo("started\n");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(processes.run("pgrep -fx 'sleep 37'", null, null, TEN_SECONDS).exitCode())
                .as("envd kills the process at the deadline").isEqualTo(1);
        assertThat(fixture.httpLog).anyMatch(line -> line.contains("Connect-Timeout-Ms: 1000"));
    }

    @Test
    void aBackgroundProcessRunsDetachedUntilItIsKilledWithItsChildren() {
        long pid = processes.start("sh -c 'sleep 301 & sleep 302'", null, null);
        assertThat(pid).isPositive();
        assertThat(processes.list()).contains(pid);
        await("both sleeps to run").atMost(TEN_SECONDS)
                .until(() -> processes.run("pgrep -fx 'sleep 30[12]' | wc -l", null, null, TEN_SECONDS).stdout().trim().equals("2"));
        assertThat(fixture.httpLog.stream().filter(l -> l.startsWith("--> POST") && l.contains("Process/Start")
                && l.contains("sleep 301")).toList()).isEmpty();

        E2bBackgroundProcess process = new E2bBackgroundProcess(processes, pid);
        assertThat(process.isAlive()).isTrue();
        process.kill();
        await("the process to end").atMost(TEN_SECONDS).until(() -> !process.isAlive());
        assertThat(processes.run("pgrep -fx 'sleep 30[12]'", null, null, TEN_SECONDS).exitCode())
                .as("no child outlives the kill").isEqualTo(1);
        assertThat(processes.signal(pid, "SIGNAL_SIGKILL")).as("envd no longer knows the pid").isFalse();
    }
}
