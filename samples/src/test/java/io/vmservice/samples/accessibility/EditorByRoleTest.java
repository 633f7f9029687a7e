package io.vmservice.samples.accessibility;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Accessible;
import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.junit.DesktopTest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * mousepad driven through its accessibility tree alone: no picture, no coordinate, no shortcut.
 * A second test checks the tree's box for the dialog's Save button against its picture.
 */
@DesktopTest
class EditorByRoleTest {

    private static final Template SAVE = Template.fromResource("/accessibility/save-button.png").named("Save");

    // example:begin
    @Test
    void savesANoteThroughTheDialogByRoleAndName(Desktop desktop) {
        desktop.launch("mousepad");
        desktop.find(Accessible.role("text").inWindow("Mousepad")).click();
        desktop.type("Found by role and name");

        desktop.find(Accessible.role("menu").name("File")).click();
        desktop.find(Accessible.role("menu item").name("Save As...")).click();
        desktop.find(Accessible.role("text").inWindow("Save As").focused()).click();
        desktop.type("by-role.txt");
        desktop.find(Accessible.button("Save").inWindow("Save As").enabled()).click();

        await("the saved file").atMost(Duration.ofSeconds(10)).until(() -> desktop.files().exists("/home/user/by-role.txt"));
        assertThat(desktop.files().read("/home/user/by-role.txt")).isEqualTo("Found by role and name");
        assertThat(desktop).eventually().hasElement(Accessible.role("frame").name(Pattern.compile("by-role\\.txt - Mousepad$")));
        assertThat(desktop.find(Accessible.role("text").inWindow("by-role.txt")).text()).isEqualTo("Found by role and name");
    }
    // example:end

    @Test
    void theDialogButtonsBoxInTheTreeIsWhereItsPictureIs(Desktop desktop) {
        desktop.launch("mousepad");
        desktop.find(Accessible.role("menu").name("File")).click();
        desktop.find(Accessible.role("menu item").name("Save As...")).click();
        desktop.find(Accessible.role("text").inWindow("Save As").focused()).click();
        desktop.type("by-role.txt");
        desktop.move(500, 400);

        AccessibleBoxes.assertAgree(desktop.find(Accessible.button("Save").inWindow("Save As").enabled()).waitVisible(),
                desktop.find(SAVE).waitVisible());
    }
}
