package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Point;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E2B's input channel against the protocol server: the helper is started once through envd with
 * its standard input open, each action is then one {@code Process/SendInput} request, and a
 * helper that was killed is started again within the action.
 */
class E2bInputChannelTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static ProtocolFixture fixture;
    private static E2bSandbox sandbox;
    private static DesktopDriver desktop;

    @BeforeAll
    static void boot() {
        fixture = ProtocolFixture.start();
        sandbox = fixture.provider.create("input-test", "user-9",
                SandboxConfig.builder().template("desktop").resolution(800, 600).build());
        desktop = new DesktopDriver(sandbox);
    }

    @AfterAll
    static void destroy() {
        fixture.close();
        fixture.openApi.assertNoViolations();
    }

    @Test
    void afterTheFirstActionEachActionIsOneSendInputRequest() {
        desktop.moveMouse(5, 5);
        int before = fixture.httpLog.size();
        for (int i = 0; i < 20; i++) {
            desktop.moveMouse(100 + i, 200 + i);
        }
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(119, 219));
        List<String> requests = fixture.httpLog.subList(before, fixture.httpLog.size()).stream()
                .filter(line -> line.startsWith("--> ")).toList();
        assertThat(requests).hasSize(21).allMatch(line -> line.contains("/process.Process/SendInput"));
    }

    @Test
    void typedErrorsComeBackThroughTheChannel() {
        assertThatThrownBy(() -> desktop.pressKeys(List.of("NoSuchKeyName"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No such key name");
        assertThatThrownBy(() -> desktop.windowTitle("12345"))
                .isInstanceOfSatisfying(VmServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("DESKTOP_ACTION_FAILED"));
    }

    @Test
    void aKilledHelperIsStartedAgainWithinTheAction() {
        desktop.moveMouse(7, 7);
        long helper = helperPid();
        sandbox.run("kill -KILL " + helper, TEN_SECONDS);
        await("the helper to end").atMost(TEN_SECONDS).until(() -> helperPids().stream().noneMatch(p -> p == helper));

        desktop.moveMouse(333, 222);

        assertThat(desktop.cursorPosition()).isEqualTo(new Point(333, 222));
        assertThat(helperPid()).isNotEqualTo(helper);
    }

    @Test
    void envdRefusesInputForAProcessWithoutStdinOrThatDoesNotRun() {
        EnvdProcesses processes = new EnvdProcesses(fixture.provider.envd(
                fixture.provider.controlPlane().connect(sandbox.e2bSandboxId(), Duration.ofMinutes(5))));
        long sleeper = processes.start("sleep 30", null, null);
        try {
            assertThatThrownBy(() -> processes.sendInput(sleeper, new byte[] {'x'})).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("failed_precondition");
        } finally {
            processes.signal(sleeper, "SIGNAL_SIGKILL");
        }
        assertThatThrownBy(() -> processes.sendInput(999_999, new byte[] {'x'}))
                .isInstanceOfSatisfying(VmServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("PROCESS_NOT_FOUND"));
    }

    private static long helperPid() {
        List<Long> helpers = helperPids();
        assertThat(helpers).hasSize(1);
        return helpers.get(0);
    }

    /** Processes the server runs with their standard input open: the input helper. */
    private static List<Long> helperPids() {
        return fixture.server.sandbox(sandbox.e2bSandboxId()).running().stream()
                .filter(p -> p.attached() != null).map(ServerProcess::pid).toList();
    }
}
