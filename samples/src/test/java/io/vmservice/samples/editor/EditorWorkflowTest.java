package io.vmservice.samples.editor;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.image.text.Text;
import io.vmservice.junit.DesktopTest;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Writing a note in mousepad, saving it, and opening it again: the file and the screen agree.
 * The menu and the save dialog are also driven by the words on them, with no picture.
 */
@DesktopTest
class EditorWorkflowTest {

    private static final String NOTE = "Shopping list: apples, pears, 3 lemons";

    @Test
    void typesSavesAndReopensANote(Desktop desktop) {
        desktop.launch("mousepad").waitForWindow("Mousepad");
        desktop.type(NOTE);
        // Taken once the editor has drawn the text: a blank patch would be a flat template,
        // which matches any patch of its colour.
        Template typedLine = await("the typed line under the menu bar").atMost(Duration.ofSeconds(15))
                .until(() -> Template.fromScreenshot(desktop.waitForStableScreen().screenshot(),
                        new Region(8, 84, 250, 18)).named("the typed line"), line -> !line.isFlat());

        desktop.hotkey("ctrl", "s").waitForWindow("Save As");
        desktop.type("note.txt").waitForStableScreen().press("enter").waitForWindow("note.txt");
        assertThat(desktop.files().read("/home/user/note.txt")).isEqualTo(NOTE);

        desktop.hotkey("ctrl", "q");
        await("mousepad to close").atMost(Duration.ofSeconds(10)).until(() -> desktop.windows("Mousepad").isEmpty());
        assertThat(desktop).doesNotShow(typedLine);

        desktop.open("/home/user/note.txt").waitForWindow("note.txt");
        assertThat(desktop).eventually().shows(typedLine);
    }

    @Test
    void savesThroughTheMenuAndTheDialogByTheirWords(Desktop desktop) {
        desktop.launch("mousepad").waitForWindow("Mousepad");
        desktop.type(NOTE);
        assertThat(desktop).eventually().showsText("3 lemons");

        desktop.find(Text.of("File")).click();
        desktop.find(Text.of("Save As")).click();
        // the dialog's title also says "Save": the button is the one below the title
        Region title = desktop.find(Text.of("Save As")).waitVisible().region();
        desktop.type("note.txt");
        Screenshot screen = desktop.screenshot();
        desktop.find(Text.of("Save").inRegion(new Region(0, title.bottom(), screen.width(),
                screen.height() - title.bottom()))).click();

        desktop.waitForWindow("note.txt");
        assertThat(desktop.files().read("/home/user/note.txt")).isEqualTo(NOTE);
        assertThat(desktop).eventually().showsText("note.txt").doesNotShowText("Save As");
    }
}
