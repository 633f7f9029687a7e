package io.vmservice.junit;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.desktop.Desktop;
import io.vmservice.screen.TargetNotFoundException;
import io.vmservice.image.Template;
import io.vmservice.image.text.Text;
import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fluent DSL and image locators on a real desktop: xlogo found by its picture, dragged by its title. */
@DesktopTest
class DesktopDslTest {

    @Sandbox(template = "minimal")
    Desktop desktop;

    @Test
    void findsAWindowByItsPictureWaitsForItAndDragsIt() {
        Template logo = captureLogo();

        desktop.run("xlogo -geometry 100x100+600+300 >/dev/null 2>&1 &");
        Match first = desktop.find(logo).waitVisible();
        assertThat(first.region().x()).isBetween(595, 615);
        assertThat(desktop.find(logo).count()).isEqualTo(1);

        // The title bar is just above the picture: grab it there and move the window.
        desktop.find(logo).offset(0, -60).dragTo(new Point(first.center().x() - 300, first.center().y() - 60 - 200));

        assertThat(desktop).eventually().shows(logo);
        Match moved = desktop.find(logo).waitVisible();
        assertThat(moved.region().x()).isEqualTo(first.region().x() - 300);
        assertThat(moved.region().y()).isEqualTo(first.region().y() - 200);

        desktop.run("pkill xlogo");
        desktop.find(logo).waitGone();
        assertThat(desktop).doesNotShow(logo);
        assertThat(desktop.recentActions()).contains("run pkill xlogo");
    }

    @Test
    void aLocatorThatNeverFindsItsTargetFailsWithTheBestScoreAndTheLastScreen() {
        Template logo = captureLogo();
        desktop.run("pkill xlogo");
        Desktop impatient = desktop.with(desktop.settings().withActionTimeout(Duration.ofMillis(800)));

        assertThatThrownBy(() -> impatient.find(logo).click())
                .isInstanceOfSatisfying(TargetNotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("waited 800 ms for xlogo", "best score", "last screen:");
                    org.assertj.core.api.Assertions.assertThat(e.lastScreen()).exists();
                    assertThat(e.lastSearch().found()).isFalse();
                });
        assertThatThrownBy(() -> assertThat(impatient).within(Duration.ofMillis(500)).shows(logo))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to show:").hasMessageContaining("within 500 ms").hasMessageContaining("best score");
    }

    @Test
    void wordsNeverShownFailWithTheNearestTextReadAndTheLastScreen() {
        desktop.run("xmessage -geometry +200+200 -fn '-misc-fixed-bold-r-normal--18-*' 'Order placed' >/dev/null 2>&1 &");
        assertThat(desktop).eventually().showsText("Order placed");
        Desktop impatient = desktop.with(desktop.settings().withActionTimeout(Duration.ofMillis(800)));

        assertThatThrownBy(() -> impatient.find(Text.of("Order cancelled")).click())
                .isInstanceOfSatisfying(TargetNotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("nearest text read: \"order placed\" at ", "last screen:");
                    org.assertj.core.api.Assertions.assertThat(e.lastScreen()).exists();
                });
        assertThatThrownBy(() -> assertThat(impatient).within(Duration.ofMillis(500)).showsText("Order cancelled"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("0 match(es); nearest text read: \"order placed\" at ")
                .hasMessageContaining("last screen:");
        desktop.run("pkill xmessage");
    }

    @Test
    void typesIntoATerminalAndReadsTheFileItWrote() {
        desktop.launch("xterm").waitForWindow("xterm");
        desktop.type("echo typed > /tmp/typed.txt\n");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> desktop.files().exists("/tmp/typed.txt"));
        assertThat(desktop.files().read("/tmp/typed.txt")).isEqualTo("typed\n");
    }

    private Region clientArea(String window) {
        String info = desktop.run("xwininfo -id " + window).stdout();
        return new Region(field(info, "Absolute upper-left X"), field(info, "Absolute upper-left Y"),
                field(info, "Width"), field(info, "Height"));
    }

    private static int field(String xwininfo, String name) {
        return xwininfo.lines().map(String::trim).filter(l -> l.startsWith(name + ":"))
                .map(l -> Integer.parseInt(l.substring(name.length() + 1).trim())).findFirst().orElseThrow();
    }

    /** Starts xlogo, crops its picture from the screen as a template, and closes it again. */
    private Template captureLogo() {
        desktop.run("xlogo -geometry 100x100+100+100 >/dev/null 2>&1 &");
        String window = desktop.waitForWindow("xlogo").windows("xlogo").get(0);
        Region client = clientArea(window);
        Screenshot screen = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(desktop::screenshot, shot -> shot.argb(client.center().x(), client.center().y()) != 0xFF3A6EA5);
        Template logo = Template.fromScreenshot(screen, new Region(client.x() + 1, client.y() + 1,
                client.width() - 2, client.height() - 2)).named("xlogo");
        desktop.run("pkill xlogo");
        desktop.find(logo).waitGone();
        return logo;
    }
}
