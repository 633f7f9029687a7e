package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Window;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.SandboxFileNotFoundException;
import io.vmservice.exception.ScreenNotStableException;
import io.vmservice.screen.TargetNotFoundException;
import io.vmservice.screen.TargetStillVisibleException;
import io.vmservice.screen.WindowNotFoundException;
import io.vmservice.image.Template;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Waits that run out on a real desktop fail with an error that says what happened: a target that
 * stayed, a screen that kept changing, a window that never came, a file that is not there.
 */
@DesktopTest
class WaitFailuresTest {

    @Sandbox(template = "minimal")
    Desktop desktop;

    @Test
    void waitGoneOnATargetThatStaysSaysItIsStillVisible() {
        desktop.run("xlogo -geometry 100x100+300+200 >/dev/null 2>&1 &");
        Window xlogo = desktop.window("xlogo");
        Template logo = Template.of(desktop.waitForStableScreen().window("xlogo").screenshot()).named("xlogo");
        Desktop impatient = desktop.with(desktop.settings().withActionTimeout(Duration.ofMillis(800)));

        assertThatThrownBy(() -> impatient.find(logo).waitGone())
                .isNotInstanceOf(TargetNotFoundException.class)
                .isInstanceOfSatisfying(TargetStillVisibleException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCodes.TARGET_STILL_VISIBLE);
                    assertThat(e.getMessage()).contains("waited 800 ms for xlogo", "to disappear", "still found it",
                            xlogo.region().toString(), "last screen:");
                    assertThat(e.lastSearch().found()).isTrue();
                    assertThat(e.lastScreen()).exists();
                });
    }

    @Test
    void aScreenThatKeepsChangingIsNotStable() {
        desktop.run("xterm -geometry 40x10+0+0 -e sh -c 'while :; do date +%N; done' >/dev/null 2>&1 &");
        desktop.waitForWindow("xterm");
        Desktop impatient = desktop.with(desktop.settings().withActionTimeout(Duration.ofSeconds(1)));

        assertThatThrownBy(impatient::waitForStableScreen)
                .isInstanceOfSatisfying(ScreenNotStableException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCodes.SCREEN_NOT_STABLE);
                    assertThat(e.getMessage()).contains("the screen kept changing for 1000 ms");
                    assertThat(e.waited()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void aWindowThatNeverComesAndAFileThatIsNotThereAreTyped() {
        Desktop impatient = desktop.with(desktop.settings().withWindowTimeout(Duration.ofMillis(500)));

        assertThatThrownBy(() -> impatient.waitForWindow("no such window"))
                .isInstanceOfSatisfying(WindowNotFoundException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCodes.WINDOW_NOT_FOUND);
                    assertThat(e.getMessage()).contains("\"no such window\" appeared within 500 ms");
                });
        assertThatThrownBy(() -> desktop.files().read("/tmp/not-there.txt"))
                .isInstanceOfSatisfying(SandboxFileNotFoundException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCodes.FILE_NOT_FOUND);
                    assertThat(e.path()).isEqualTo("/tmp/not-there.txt");
                });
    }
}
