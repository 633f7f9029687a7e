package com.example.quickstart;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A team's first desktop tests, written against the published artifacts only. */
// example:begin
@DesktopTest
class FirstDesktopTest {

    // A picture cut from a screenshot, committed under src/test/resources.
    private static final Template LOGO = Template.fromResource("/xlogo.png").named("xlogo");

    @Test
    void runsACommandTypedIntoATerminal(Desktop desktop) {     // a fresh xfce4 desktop
        desktop.launch("xfce4-terminal").waitForWindow("Terminal").waitForStableScreen();

        desktop.type("echo hello from the desktop > /home/user/hello.txt\n");

        await("the file the command writes").atMost(Duration.ofSeconds(15))
                .until(() -> desktop.files().exists("/home/user/hello.txt"));
        assertThat(desktop.files().read("/home/user/hello.txt")).isEqualTo("hello from the desktop\n");
    }

    @Test
    void showsTheWindowItStarted(@Sandbox(template = "minimal") Desktop desktop) {
        desktop.run("xlogo -geometry 100x100+400+300 >/dev/null 2>&1 &");

        assertThat(desktop).eventually().shows(LOGO);
        desktop.run("pkill xlogo");
        assertThat(desktop).eventually().doesNotShow(LOGO);
    }
}
// example:end
