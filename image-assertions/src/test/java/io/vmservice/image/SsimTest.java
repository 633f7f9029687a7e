package io.vmservice.image;

import static io.vmservice.image.TemplateMatcherTest.blank;
import static io.vmservice.image.TemplateMatcherTest.paste;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.Color;
import org.junit.jupiter.api.Test;

class SsimTest {

    private static final Screenshot SCREEN = TestScreens.desktop(640, 480, 21);

    @Test
    void identicalImagesScoreOne() {
        assertThat(Ssim.compare(SCREEN, SCREEN)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aLocalChangeLowersTheScoreMostWhereItIs() {
        Screenshot changed = paste(SCREEN, blank(60, 40, Color.ORANGE), 300, 200);

        double whole = Ssim.compare(SCREEN, changed);
        double around = Ssim.compare(SCREEN, changed, new Region(290, 190, 80, 60));
        double elsewhere = Ssim.compare(SCREEN, changed, new Region(0, 0, 100, 100));

        assertThat(whole).isLessThan(1.0).isGreaterThan(0.9);
        assertThat(around).isLessThan(0.5);
        assertThat(elsewhere).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aChangeOfHueAloneIsSeen() {
        // equal brightness, different colour: a grey-only SSIM would call these identical
        Screenshot red = blank(64, 64, new Color(200, 0, 0));
        Screenshot green = blank(64, 64, new Color(0, 102, 0));
        Screenshot withRed = paste(blank(200, 200, Color.WHITE), red, 60, 60);
        Screenshot withGreen = paste(blank(200, 200, Color.WHITE), green, 60, 60);

        assertThat(Ssim.compare(withRed, withGreen)).isLessThan(0.95);
        assertThat(Ssim.compare(withRed, withGreen, new Region(60, 60, 64, 64))).isLessThan(0.5);
    }

    @Test
    void regionOutsideTheImagesIsRefused() {
        assertThatThrownBy(() -> Ssim.compare(SCREEN, SCREEN, new Region(600, 400, 100, 100)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not inside the 640x480");
    }
}
