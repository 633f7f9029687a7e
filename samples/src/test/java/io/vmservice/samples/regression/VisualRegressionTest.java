package io.vmservice.samples.regression;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.desktop.Desktop;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import io.vmservice.screen.Screenshot;
import org.junit.jupiter.api.Test;

/**
 * Visual regression against committed baselines ({@code src/test/resources/baselines/}). Run
 * with {@code -Dvmservice.baselines.update=true} to accept an intended change.
 */
@DesktopTest
class VisualRegressionTest {

    @Sandbox(template = "minimal")
    Desktop desktop;

    @Test
    void theWelcomeDialogLooksAsApproved() {
        assertThat(showWelcome("Welcome to the sample app")).matchesBaseline("welcome-dialog");
    }

    @Test
    void aChangedDialogIsCaughtByTheBaseline() {
        Screenshot changed = showWelcome("Welcome to the sample app!");
        assertThatThrownBy(() -> assertThat(changed).matchesBaseline("welcome-dialog"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("welcome-dialog")
                .hasMessageContaining("-diff.png");
    }

    private Screenshot showWelcome(String text) {
        desktop.move(1023, 767);
        desktop.run("xmessage -geometry +300+250 -buttons Start:0,Quit:1 '" + text + "' >/dev/null 2>&1 &");
        return desktop.waitForWindow("xmessage").waitForStableScreen().screenshot();
    }
}
