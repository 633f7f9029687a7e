package io.vmservice.samples.swing;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Swing application started inside the sandbox and driven by pictures of its widgets. */
@DesktopTest
class SwingAppTest {

    private static final Template ADD_BUTTON = Template.fromResource("/swing/add-one-button.png").named("the Add one button");
    private static final Template COUNT_TWO = Template.fromResource("/swing/count-two.png").named("Count: 2");

    @Sandbox(template = "minimal")
    Desktop desktop;

    @Test
    void clicksTheButtonItSeesAndTheCountGoesUp() throws IOException {
        desktop.files().write("/home/user/CounterApp.java", resource("/swing/CounterApp.java"));
        desktop.run("java CounterApp.java >/tmp/counter.log 2>&1 &");
        desktop.waitForWindow("Counter");

        // The screen shows the pointer, as a user sees it: move it off the button after a click,
        // or it hides part of the picture (and the button shows its hover shade).
        desktop.find(ADD_BUTTON).click().move(10, 10);
        desktop.find(ADD_BUTTON).click().move(10, 10);

        assertThat(desktop).eventually().shows(COUNT_TWO);
        await().atMost(Duration.ofSeconds(5)).until(() -> desktop.files().exists("/home/user/count.txt"));
        assertThat(desktop.files().read("/home/user/count.txt")).isEqualTo("2");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SwingAppTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
