package io.vmservice.samples.accessibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vmservice.screen.Match;

/**
 * The check the role samples share: an element's box from the accessibility tree is where the
 * widget's committed picture is found on the screen, each edge within 4 px. The pictures were cut
 * at the widgets' drawn borders, read from the pixels, not from the tree.
 */
public final class AccessibleBoxes {

    private static final int TOLERANCE_PX = 4;

    private AccessibleBoxes() {
    }

    public static void assertAgree(Match byRole, Match byPicture) {
        assertThat(byRole.region().x()).as("x of %s vs %s", byRole, byPicture)
                .isCloseTo(byPicture.region().x(), within(TOLERANCE_PX));
        assertThat(byRole.region().y()).as("y of %s vs %s", byRole, byPicture)
                .isCloseTo(byPicture.region().y(), within(TOLERANCE_PX));
        assertThat(byRole.region().width()).as("width of %s vs %s", byRole, byPicture)
                .isCloseTo(byPicture.region().width(), within(TOLERANCE_PX));
        assertThat(byRole.region().height()).as("height of %s vs %s", byRole, byPicture)
                .isCloseTo(byPicture.region().height(), within(TOLERANCE_PX));
    }
}
