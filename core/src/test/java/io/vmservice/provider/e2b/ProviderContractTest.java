package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import io.vmservice.screen.Screenshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One scenario, two transports: the same {@link DesktopDriver} actions, files, timeouts and
 * screenshots against the local provider and against the E2B provider talking to the protocol
 * server, with the same effects checked. On E2B's side the desktop is the one the provider
 * starts through envd (Xvfb on :0 and xfce4), really running in the server's sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderContractTest {

    private static final Resolution SCREEN = new Resolution(800, 600);
    private ProtocolFixture e2b;
    private LocalProvider local;
    private ProviderSandbox localSandbox;
    private ProviderSandbox e2bSandbox;

    @BeforeAll
    void boot() {
        SandboxConfig config = SandboxConfig.builder().template("desktop").resolution(SCREEN).build();
        local = LocalProvider.create();
        e2b = ProtocolFixture.start();
        localSandbox = local.create("contract-" + System.nanoTime(), config);
        e2bSandbox = e2b.provider.create("contract-e2b", "user-7", config);
    }

    @AfterAll
    void destroy() {
        try {
            local.close();
        } finally {
            e2b.close();
        }
        e2b.openApi.assertNoViolations();
    }

    /** The sandboxes live for the whole class; JUnit must not close them after each case. */
    Stream<Named<ProviderSandbox>> sandboxes() {
        return Stream.of(Named.of("local", localSandbox), Named.of("e2b", e2bSandbox));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("sandboxes")
    void theScreenHasTheConfiguredSizeAndMovesThePointer(ProviderSandbox sandbox) {
        DesktopDriver desktop = new DesktopDriver(sandbox);
        assertThat(desktop.screenSize()).isEqualTo(SCREEN);
        desktop.moveMouse(123, 234);
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(123, 234));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("sandboxes")
    void anApplicationOpensAWindowThatKeysCanClose(ProviderSandbox sandbox) {
        DesktopDriver desktop = new DesktopDriver(sandbox);
        BackgroundProcess xlogo = desktop.launch("xlogo", null);
        String window = await("xlogo's window").atMost(Duration.ofSeconds(15))
                .until(() -> desktop.applicationWindows("xlogo"), ids -> !ids.isEmpty()).get(0);
        assertThat(desktop.windowTitle(window)).isEqualTo("xlogo");
        desktop.pressKeys(List.of("alt", "f4"));
        await("xlogo to close").atMost(Duration.ofSeconds(10)).until(() -> desktop.applicationWindows("xlogo").isEmpty());
        xlogo.kill();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("sandboxes")
    void filesWrittenAreReadBackAndSeenByCommands(ProviderSandbox sandbox) {
        sandbox.writeFile("/home/user/contract/note.txt", "héllo\nworld".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(sandbox.readFile("/home/user/contract/note.txt"), StandardCharsets.UTF_8)).isEqualTo("héllo\nworld");
        assertThat(sandbox.run("wc -l < /home/user/contract/note.txt && whoami", Duration.ofSeconds(10)).stdout())
                .isEqualTo("1\nuser\n");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("sandboxes")
    void aCommandPastItsTimeoutIsKilledWithItsOutputKept(ProviderSandbox sandbox) {
        assertThatThrownBy(() -> sandbox.run("echo begun; sleep 20", Duration.ofMillis(1500)))
                .isInstanceOfSatisfying(CommandTimeoutException.class, e -> assertThat(e.stdout()).isEqualTo("begun\n"));
        assertThat(sandbox.run("exit 7", Duration.ofSeconds(5)).exitCode()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("sandboxes")
    void theScreenshotShowsTheDrawnDesktop(ProviderSandbox sandbox) {
        Screenshot shot = await("the desktop to be drawn").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(sandbox::screenshot, ProviderContractTest::hasDrawn);
        assertThat(shot.width()).isEqualTo(SCREEN.width());
        assertThat(shot.height()).isEqualTo(SCREEN.height());
    }

    private static boolean hasDrawn(Screenshot screen) {
        var pixels = screen.pixels();
        int first = pixels.get(0);
        while (pixels.hasRemaining()) {
            if (pixels.get() != first) {
                return true;
            }
        }
        return false;
    }
}
