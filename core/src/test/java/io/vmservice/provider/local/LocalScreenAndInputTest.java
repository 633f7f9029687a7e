package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The framebuffer screenshot and the input actions, checked by what changes on the screen. */
class LocalScreenAndInputTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static LocalProvider provider;
    private static TrackedSandbox sandbox;
    private static DesktopDriver desktop;

    @BeforeAll
    static void boot() {
        provider = LocalProvider.create();
        sandbox = (TrackedSandbox) provider.create("screen-" + System.nanoTime(),
                SandboxConfig.builder().template("minimal").resolution(800, 600).build());
        desktop = new DesktopDriver(sandbox);
    }

    @AfterAll
    static void destroy() {
        provider.close();
    }

    @Test
    void framebufferScreenshotHasTheSamePixelsAsScrot() {
        desktop.moveMouse(799, 599);
        Screenshot direct = sandbox.screenshot();
        // Without --pointer: Xvfb's framebuffer holds no cursor image either.
        assertThat(sandbox.exec(DesktopCommand.of("scrot", "--overwrite", "/tmp/scrot.png"), FIVE_SECONDS).exitCode()).isZero();
        Screenshot viaScrot = Screenshot.fromPng(sandbox.readFile("/tmp/scrot.png"));

        assertThat(direct.width()).isEqualTo(800);
        assertThat(direct.height()).isEqualTo(600);
        // Xvfb draws the pointer into its framebuffer (as scrot --pointer would); away from the
        // pointer, every pixel matches what the X server hands scrot.
        assertThat(direct.samePixels(viaScrot, new Region(0, 0, 800, 580))).isTrue();
        assertThat(direct.argb(10, 10)).as("openbox's background #3a6ea5").isEqualTo(0xFF3A6EA5);
    }

    @Test
    void aWindowThatOpensChangesThePixelsAndDraggingItsTitleMovesIt() {
        Screenshot before = sandbox.screenshot();
        desktop.launch("xlogo", null);
        String window = await("xlogo's window").atMost(Duration.ofSeconds(10))
                .until(() -> desktop.applicationWindows("xlogo"), ids -> !ids.isEmpty()).get(0);
        Screenshot shown = Screens.awaitStable(sandbox);
        assertThat(shown.samePixels(before)).isFalse();

        // The new pixels outline the window with its frame; its title bar is the frame's top edge.
        Region frame = changedArea(before, shown);
        Region client = geometry(window);
        int grabX = frame.x() + frame.width() / 3;  // the title, clear of the icon and buttons
        int grabY = frame.y() + 8;
        desktop.drag(grabX, grabY, grabX + 150, grabY + 120);
        await("the window to move by the drag").atMost(FIVE_SECONDS)
                .until(() -> geometry(window), moved -> moved.x() == client.x() + 150 && moved.y() == client.y() + 120);

        desktop.pressKeys(List.of("alt", "f4"));
        await("xlogo to close").atMost(FIVE_SECONDS).until(() -> desktop.applicationWindows("xlogo").isEmpty());
    }

    @Test
    void movesClicksAndScrollsThePointer() {
        desktop.click(120, 80, io.vmservice.screen.MouseButton.LEFT);
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(120, 80));
        desktop.doubleClick(300, 200);
        assertThat(desktop.cursorPosition()).isEqualTo(new Point(300, 200));
        desktop.scroll(1, 2);
        desktop.scroll(-1, 2);
        assertThat(desktop.screenSize()).hasToString("800x600");
    }

    @Test
    void refusesOffScreenPointsAndUnknownKeys() {
        assertThatThrownBy(() -> desktop.moveMouse(-1, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("off the 800x600 screen");
        assertThatThrownBy(() -> desktop.click(800, 10, io.vmservice.screen.MouseButton.LEFT))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> desktop.pressKeys(List.of("NoSuchKeyName"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key");
    }

    private static Region changedArea(Screenshot a, Screenshot b) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                if (a.argb(x, y) != b.argb(x, y)) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new Region(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** The window's client area on the root window (xwininfo, which follows reparenting). */
    private static Region geometry(String window) {
        String out = sandbox.exec(DesktopCommand.of("xwininfo", "-id", window), FIVE_SECONDS).stdout();
        return new Region(field(out, "Absolute upper-left X"), field(out, "Absolute upper-left Y"),
                field(out, "Width"), field(out, "Height"));
    }

    private static int field(String xwininfo, String name) {
        return xwininfo.lines().map(String::trim).filter(l -> l.startsWith(name + ":"))
                .map(l -> Integer.parseInt(l.substring(name.length() + 1).trim())).findFirst().orElseThrow();
    }
}
