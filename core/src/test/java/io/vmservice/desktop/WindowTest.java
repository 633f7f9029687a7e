package io.vmservice.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.VmServiceClient;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import io.vmservice.screen.WindowNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows as objects on both window managers (openbox in "minimal", xfwm4 in "desktop"). The
 * windows are xlogo drawn red on red, so the client area is known from the pixels alone: every
 * pixel of {@link Window#region()} is red and the window manager's frame around it is not.
 */
class WindowTest {

    private static final int RED = 0xFFFF0000;
    private static VmServiceClient client;
    private String sandboxId;

    @BeforeAll
    static void startClient() {
        client = VmServiceClient.builder().build();
    }

    @AfterEach
    void destroySandbox() {
        if (sandboxId != null) {
            client.destroySandbox(sandboxId);
        }
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "desktop"})
    void aWindowsRegionIsItsContentOnTheScreenAndItsFrameHoldsTheDecorations(String template) {
        Desktop desktop = desktop(template);
        desktop.run("xlogo -geometry 200x150+300+200 -bg red -fg red >/dev/null 2>&1 &");

        Window logo = desktop.window("xlogo");
        desktop.move(1000, 740).waitForStableScreen();
        Screenshot screen = desktop.screenshot();
        screen.savePng(Path.of("target", "screens", "window-" + template + ".png"));
        WindowBounds bounds = logo.bounds();

        assertThat(bounds.area().width()).isEqualTo(200);
        assertThat(bounds.area().height()).isEqualTo(150);
        assertAllRed(screen, bounds.area());
        Region area = bounds.area();
        // one pixel outside on each side belongs to the frame: not the window's red
        assertThat(screen.argb(area.x() - 1, area.center().y())).isNotEqualTo(RED);
        assertThat(screen.argb(area.right(), area.center().y())).isNotEqualTo(RED);
        assertThat(screen.argb(area.center().x(), area.y() - 1)).isNotEqualTo(RED);
        assertThat(screen.argb(area.center().x(), area.bottom())).isNotEqualTo(RED);
        // the frame has a title bar above the content, and the desktop's background lies around it
        Region frame = bounds.frame();
        assertThat(area.y() - frame.y()).isGreaterThan(10);
        assertThat(frame.contains(area)).isTrue();
        // (xfwm4 draws a faint shadow around its frames: near the background counts as background)
        int background = screen.argb(2, 700);
        assertThat(distance(screen.argb(frame.center().x(), frame.y() - 1), background)).isLessThan(24);
        assertThat(distance(screen.argb(frame.center().x(), frame.y()), background)).isGreaterThan(24);
        assertThat(distance(screen.argb(frame.x() - 1, frame.center().y()), background)).isLessThan(24);
        assertThat(distance(screen.argb(frame.right(), frame.center().y()), background)).isLessThan(24);

        Screenshot content = logo.screenshot();
        assertThat(content.width()).isEqualTo(200);
        assertAllRed(content, content.bounds());
        assertThat(logo.info().instance()).isEqualTo("xlogo");
        assertThat(logo.title()).isEqualTo("xlogo");
        Path captured = logo.capture("logo-" + template);
        assertThat(Screenshot.read(captured).samePixels(content)).isTrue();
        assertThat(captured.resolveSibling("logo-" + template + "-grid.png")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "desktop"})
    void movesResizesFocusesAndClosesAWindow(String template) {
        Desktop desktop = desktop(template);
        desktop.run("xlogo -geometry 200x150+300+200 -bg red -fg red >/dev/null 2>&1 &");
        Window logo = desktop.window("xlogo");
        // xclock never takes the keyboard focus; a second xlogo, by another instance name, does
        desktop.run("xlogo -name other -geometry 120x120+600+300 >/dev/null 2>&1 &");
        Window other = desktop.window("other");

        logo.moveTo(100, 80);
        assertThat(logo.frame().x()).isEqualTo(100);
        assertThat(logo.frame().y()).isEqualTo(80);
        logo.resizeTo(260, 190);
        desktop.move(1000, 740).waitForStableScreen();
        assertAllRed(desktop.screenshot(), logo.region());
        assertThat(logo.region().width()).isEqualTo(260);

        logo.focus();
        assertThat(desktop.info().sandboxId()).isNotEmpty();
        assertThat(client.getCurrentWindowId(desktop.sandboxId())).isEqualTo(logo.id());
        other.focus();
        assertThat(client.getCurrentWindowId(desktop.sandboxId())).isEqualTo(other.id());

        other.close();
        assertThat(other.isOpen()).isFalse();
        assertThat(logo.isOpen()).isTrue();
        assertThat(desktop.openWindows()).extracting(WindowInfo::instance).contains("xlogo").doesNotContain("other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal"})
    void findSearchesOnlyInsideItsWindowAndFollowsIt(String template) {
        Desktop desktop = desktop(template);
        desktop.run("xlogo -geometry 120x100+100+100 -bg red -fg red >/dev/null 2>&1 &");
        desktop.window("xlogo");
        desktop.run("xclock -geometry 160x140+500+300 -bg red -fg red -hd red -hl red >/dev/null 2>&1 &");
        Window clock = desktop.window("xclock");

        Match inClock = clock.find(new RedPatch()).waitVisible();
        assertThat(clock.region().contains(inClock.region())).isTrue();
        assertThat(desktop.find(new RedPatch()).count()).isEqualTo(2);

        clock.moveTo(400, 100);
        Match moved = clock.find(new RedPatch()).waitVisible();
        assertThat(moved.region()).isNotEqualTo(inClock.region());
        assertThat(clock.region().contains(moved.region())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal"})
    void aWindowThatNeverAppearsIsATypedErrorListingTheOpenWindows(String template) {
        Desktop desktop = desktop(template);
        desktop.run("xlogo >/dev/null 2>&1 &");
        desktop.window("xlogo");
        Desktop impatient = desktop.with(desktop.settings().withWindowTimeout(Duration.ofMillis(700)));

        assertThatThrownBy(() -> impatient.window("Calculator"))
                .isInstanceOfSatisfying(WindowNotFoundException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("WINDOW_NOT_FOUND");
                    assertThat(e.openWindows()).extracting(WindowInfo::instance).containsExactly("xlogo");
                    assertThat(e.getMessage()).contains("\"Calculator\"", "within 700 ms", "open windows:",
                            "\"xlogo\" (class xlogo/XLogo, id " + e.openWindows().get(0).id() + ")");
                });
        assertThatThrownBy(() -> impatient.waitForWindow("Calculator"))
                .isInstanceOf(WindowNotFoundException.class).hasMessageContaining("class xlogo/XLogo");
    }

    private Desktop desktop(String template) {
        sandboxId = client.createSandbox("windows", SandboxConfig.builder().template(template).build()).sandboxId();
        return Desktop.of(client, sandboxId);
    }

    private static int distance(int argb, int other) {
        return Math.max(Math.abs((argb >> 16 & 0xFF) - (other >> 16 & 0xFF)), Math.max(
                Math.abs((argb >> 8 & 0xFF) - (other >> 8 & 0xFF)), Math.abs((argb & 0xFF) - (other & 0xFF))));
    }

    private static void assertAllRed(Screenshot screen, Region region) {
        List<String> wrong = new ArrayList<>();
        for (int y = region.y(); y < region.bottom(); y++) {
            for (int x = region.x(); x < region.right(); x++) {
                if (screen.argb(x, y) != RED && wrong.size() < 5) {
                    wrong.add(String.format("(%d, %d) is %08x", x, y, screen.argb(x, y)));
                }
            }
        }
        assertThat(wrong).as("pixels of %s that are not the window's red", region).isEmpty();
    }

    /** The largest red rectangle's box, growing from the first red pixel: a target without OpenCV. */
    private static final class RedPatch implements Target {
        @Override
        public SearchResult search(Screenshot screen) {
            List<Match> matches = new ArrayList<>();
            for (int y = 0; y < screen.height(); y += 4) {
                for (int x = 0; x < screen.width(); x += 4) {
                    int px = x;
                    int py = y;
                    if (screen.argb(x, y) == RED && matches.stream().noneMatch(m -> m.region().contains(new Point(px, py)))) {
                        matches.add(new Match(grow(screen, x, y), 1.0));
                    }
                }
            }
            return new SearchResult(matches, matches.stream().findFirst(), 1.0);
        }

        private static Region grow(Screenshot screen, int x, int y) {
            int right = x;
            while (right + 1 < screen.width() && screen.argb(right + 1, y) == RED) {
                right++;
            }
            int bottom = y;
            while (bottom + 1 < screen.height() && screen.argb(x, bottom + 1) == RED) {
                bottom++;
            }
            return new Region(x, y, right - x + 1, bottom - y + 1);
        }

        @Override
        public String description() {
            return "a red patch";
        }
    }
}
