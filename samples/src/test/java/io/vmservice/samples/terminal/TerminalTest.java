package io.vmservice.samples.terminal;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.image.text.Text;
import io.vmservice.junit.DesktopTest;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A command typed into xfce4-terminal runs: its output file appears and the screen changes; its
 * output is read on the screen, and the window closed from its menu, found by their words.
 */
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

    @Test
    void showsTheOutputAndClosesFromItsMenuByTheirWords(Desktop desktop) {
        desktop.launch("xfce4-terminal").waitForWindow("Terminal").waitForStableScreen();

        desktop.type("printf 'Total: %d lemons\\n' $((2 + 1))\n");

        // the command line says "%d": only the output says 3
        assertThat(desktop).eventually().showsText("Total: 3 lemons");
        assertThat(desktop.readText()).contains("Total: 3 lemons");

        desktop.find(Text.of("File")).click();
        desktop.find(Text.of("Close Window")).click();

        await("the terminal to close").atMost(Duration.ofSeconds(10)).until(() -> desktop.windows("Terminal").isEmpty());
        assertThat(desktop).eventually().doesNotShowText("Total: 3 lemons");
    }
}
