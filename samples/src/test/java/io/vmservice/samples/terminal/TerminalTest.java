package io.vmservice.samples.terminal;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Screenshot;
import io.vmservice.junit.DesktopTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A command typed into xfce4-terminal runs: its output file appears and the screen changes. */
@DesktopTest
class TerminalTest {

    @Test
    void runsACommandTypedIntoTheTerminal(Desktop desktop) {
        desktop.launch("xfce4-terminal").waitForWindow("Terminal").waitForStableScreen();
        Screenshot before = desktop.screenshot();

        desktop.type("seq 1 5 | paste -sd+ | bc > /home/user/sum.txt; echo done\n");

        await("the command's output file").atMost(Duration.ofSeconds(15)).until(() -> desktop.files().exists("/home/user/sum.txt"));
        assertThat(desktop.files().read("/home/user/sum.txt")).isEqualTo("15\n");
        assertThat(desktop.waitForStableScreen().screenshot().samePixels(before)).as("the terminal shows the command").isFalse();
    }
}
