package io.vmservice.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.VmServiceClient;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.TargetNotFoundException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Role-and-name locators on real desktops: where the tree's boxes are, and what a missing tree says. */
class AccessibleTest {

    private static VmServiceClient client;

    @BeforeAll
    static void start() {
        client = VmServiceClient.builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void theTreesBoxesAreWhereTheWindowIsOnTheScreen() {
        Desktop desktop = Desktop.of(client, client.createSandbox("a11y", SandboxConfig.defaults()).sandboxId());
        desktop.launch("mousepad").waitForWindow("Mousepad");

        desktop.find(Accessible.role("frame").name(Pattern.compile("Mousepad$"))).waitVisible();
        // GTK's frame spans the decorations xfwm4 draws; its first child is the client window.
        Match frame = desktop.find(Accessible.role("filler").inWindow("Mousepad").nth(0)).waitVisible();
        String window = desktop.windows("mousepad").get(0);
        // xwininfo's absolute corner and size of the client window, frame decorations excluded.
        String info = desktop.run("xwininfo -id " + window).stdout();
        Region client = new Region(number(info, "Absolute upper-left X"), number(info, "Absolute upper-left Y"),
                number(info, "Width"), number(info, "Height"));
        assertThat(Math.abs(frame.region().x() - client.x())).as("x of %s vs %s", frame.region(), client).isLessThanOrEqualTo(4);
        assertThat(Math.abs(frame.region().y() - client.y())).as("y of %s vs %s", frame.region(), client).isLessThanOrEqualTo(4);
        assertThat(Math.abs(frame.region().width() - client.width())).isLessThanOrEqualTo(4);
        assertThat(Math.abs(frame.region().height() - client.height())).isLessThanOrEqualTo(4);

        AccessibleNode tree = desktop.accessibilityTree();
        assertThat(tree.element().role()).isEqualTo("frame");
        assertThat(tree.render()).contains("menu \"File\"", "text [");

        assertThatThrownBy(() -> desktop.with(desktop.settings().withActionTimeout(Duration.ofSeconds(1)))
                .find(Accessible.role("menu").name("Fil")).click())
                .isInstanceOf(TargetNotFoundException.class)
                .hasMessageContaining("accessible menu \"Fil\"")
                .hasMessageContaining("0 element(s) fit")
                .hasMessageContaining("nearest elements:\n    menu \"File\"");
    }

    @Test
    void aDesktopWithoutASessionBusSaysWhatItLacks() {
        Desktop desktop = Desktop.of(client, client.createSandbox("a11y",
                SandboxConfig.builder().template("minimal").build()).sandboxId());

        assertThatThrownBy(() -> desktop.find(Accessible.button("Save")).exists())
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("no session bus")
                .hasMessageContaining("python3-pyatspi");
    }

    @Test
    void badQueriesAreTypedErrors() {
        assertThatThrownBy(() -> Accessible.role(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("role must not be blank");
        assertThatThrownBy(() -> Accessible.role("text").nth(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Accessible.button("Save").search(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("desktop.find");
    }

    private static int number(String xwininfo, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ":\\s+(-?\\d+)").matcher(xwininfo);
        assertThat(m.find()).as(label + " in " + xwininfo).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
