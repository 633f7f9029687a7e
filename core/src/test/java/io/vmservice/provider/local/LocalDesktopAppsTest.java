package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real applications on the xfce4 desktop, driven with real input; each test checks the effect. */
class LocalDesktopAppsTest {

    private static LocalProvider provider;
    private ProviderSandbox sandbox;
    private DesktopDriver desktop;

    @BeforeAll
    static void startProvider() {
        provider = LocalProvider.create();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void boot() {
        sandbox = provider.create("apps-" + System.nanoTime(), SandboxConfig.defaults());
        desktop = new DesktopDriver(sandbox);
    }

    @AfterEach
    void destroy(org.junit.jupiter.api.TestInfo test) {
        // The last screen of every test, to look at when one fails.
        sandbox.screenshot().savePng(java.nio.file.Path.of("target", "screens",
                test.getTestMethod().orElseThrow().getName() + ".png"));
        sandbox.close();
    }

    @Test
    void typesIntoMousepadAndSavesTheFile() {
        desktop.launch("mousepad", null);
        String window = awaitWindow("mousepad");
        assertThat(desktop.windowTitle(window)).contains("Mousepad");

        String text = "Hello World! $(touch /tmp/pwned) `id` 'q' \"d\" ; héllo ✓";
        // Characters outside the keymap go through a temporary mapping: give the editor time for each.
        desktop.typeText(text, 25, 30);
        desktop.pressKeys(List.of("ctrl", "s"));
        await("the save dialog").atMost(Duration.ofSeconds(15))
                .until(() -> desktop.windowTitle(desktop.currentWindowId()).contains("Save"));
        // The dialog opens in the home folder; a bare name avoids GTK's path completion popup,
        // which would swallow the Enter.
        desktop.typeText("note.txt", 25, 5);
        Screens.awaitStable(sandbox);
        desktop.pressKeys(List.of("enter"));

        await("note.txt to be saved").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> new String(sandbox.readFile("/home/user/note.txt"), StandardCharsets.UTF_8), text::equals);
        assertThat(sandbox.run("test -e /tmp/pwned", Duration.ofSeconds(5)).exitCode())
                .as("typed shell syntax must never run").isEqualTo(1);
        await("the title to show the saved file").atMost(Duration.ofSeconds(10))
                .until(() -> desktop.windowTitle(window).contains("note.txt"));
    }

    @Test
    void runsACommandInXfceTerminalThatWritesAFile() {
        desktop.launch("xfce4-terminal", null);
        awaitWindow("xfce4-terminal");
        desktop.typeText("echo from-the-terminal > /home/user/out.txt", 25, 5);
        Screens.awaitStable(sandbox);
        desktop.pressKeys(List.of("enter"));
        await("the terminal's command to write out.txt").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> new String(sandbox.readFile("/home/user/out.txt"), StandardCharsets.UTF_8),
                        "from-the-terminal\n"::equals);
    }

    @Test
    void opensAFileWithItsDefaultApplication() {
        sandbox.writeFile("/home/user/readme.txt", "opened by xdg-open".getBytes(StandardCharsets.UTF_8));
        desktop.open("/home/user/readme.txt");
        String window = awaitWindow("mousepad");
        await().atMost(Duration.ofSeconds(10)).until(() -> desktop.windowTitle(window).contains("readme.txt"));
        assertThat(desktop.currentWindowId()).isEqualTo(window);
    }

    @Test
    void closesTheActiveWindowWithXfcesDefaultShortcut() {
        desktop.launch("mousepad", null);
        String window = awaitWindow("mousepad");
        await("mousepad to be the active window").atMost(Duration.ofSeconds(10))
                .until(desktop::currentWindowId, window::equals);

        desktop.pressKeys(List.of("alt", "F4"));

        await("Alt+F4 to close mousepad").atMost(Duration.ofSeconds(10))
                .until(() -> desktop.applicationWindows("mousepad"), List::isEmpty);
    }

    @Test
    void bootsWithEverySettingTheSessionWouldOtherwiseWrite() {
        // A setting missing from the session's files is written by xfce4 at boot, and every write
        // makes xfwm4 reload its theme and regrab its keys. xfconfd saves the user's settings when
        // it stops: after a boot nothing may be there.
        Screens.awaitStable(sandbox);
        CommandResult saved = sandbox.run("pkill -TERM -x xfconfd; while pgrep -x xfconfd >/dev/null; do sleep 0.05; done;"
                + " ls -A /home/user/.config/xfce4/xfconf/xfce-perchannel-xml 2>/dev/null", Duration.ofSeconds(10));
        assertThat(saved.stdout()).as("settings xfce4 wrote while booting").isEmpty();
    }

    private String awaitWindow(String application) {
        return await(application + " to show a window").atMost(Duration.ofSeconds(20))
                .until(() -> desktop.applicationWindows(application), ids -> !ids.isEmpty()).get(0);
    }

    @Test
    void reportsScreenSizeAndCursor() {
        assertThat(desktop.screenSize()).hasToString("1024x768");
        desktop.moveMouse(100, 200);
        assertThat(desktop.cursorPosition()).isEqualTo(new io.vmservice.screen.Point(100, 200));
        assertThat(sandbox.exec(DesktopCommands.mouseLocation(), Duration.ofSeconds(5)).stdout()).startsWith("x:100 y:200");
    }
}
