package io.vmservice.samples.swing;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Accessible;
import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import io.vmservice.samples.accessibility.AccessibleBoxes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Swing form filled and read back through its accessibility tree (Java's ATK wrapper); one
 * picture only checks that the tree's box for the button is where the button is drawn.
 */
@DesktopTest
class SwingFormByRoleTest {

    /** What a Swing application needs to show its tree: Debian's ATK wrapper for Java, named as its assistive technology. */
    private static final Template SUBMIT = Template.fromResource("/swing/submit-button.png").named("Submit");
    private static final String ACCESSIBLE_JAVA = "java -cp /usr/share/java/java-atk-wrapper.jar"
            + " -Djavax.accessibility.assistive_technologies=org.GNOME.Accessibility.AtkWrapper";

    @Test
    void fillsTheFormByRoleAndReadsItBack(Desktop desktop) throws IOException {
        desktop.files().write("/home/user/FormApp.java", resource("/swing/FormApp.java"));
        desktop.run(ACCESSIBLE_JAVA + " FormApp.java >/tmp/form.log 2>&1 &");
        desktop.waitForWindow("Sign-up form");

        desktop.find(Accessible.role("text").name("Name").inWindow("Sign-up form")).click();
        desktop.type("Ada Lovelace");
        desktop.find(Accessible.role("text").name("Email")).click();
        desktop.type("ada@example.com");
        desktop.find(Accessible.role("check box").name("Send me news")).click();
        assertThat(desktop).eventually().hasElement(Accessible.role("check box").name("Send me news").checked());
        // The tree's box for the button is where its committed picture is found, within 4 px.
        AccessibleBoxes.assertAgree(desktop.find(Accessible.button("Submit")).waitVisible(),
                desktop.find(SUBMIT).waitVisible());
        desktop.find(Accessible.button("Submit")).click();

        await("the form's file").atMost(Duration.ofSeconds(10)).until(() -> desktop.files().exists("/home/user/signup.txt"));
        assertThat(desktop.files().read("/home/user/signup.txt")).isEqualTo("Ada Lovelace\nada@example.com\ntrue\n");
        assertThat(desktop.find(Accessible.role("text").name("Email")).text()).isEqualTo("ada@example.com");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SwingFormByRoleTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
