package io.vmservice.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {

    private static final int GREY = 0xFF808080;

    @TempDir
    Path temp;

    @Test
    void savesThePictureAndACopyWithAGridLabelledInPixels() {
        int[] pixels = new int[240 * 130];
        Arrays.fill(pixels, GREY);
        Screenshot picture = Screenshot.ofPixels(240, 130, pixels);

        Path saved = Captures.save(picture, temp, "calculator", "the screen");

        assertThat(saved).isEqualTo(temp.resolve("calculator.png"));
        assertThat(Screenshot.read(saved).samePixels(picture)).isTrue();
        Screenshot grid = Screenshot.read(temp.resolve("calculator-grid.png"));
        assertThat(grid.width()).isEqualTo(240);
        // dotted lines on every multiple of 50, the picture between them
        assertThat(grid.argb(50, 60)).isEqualTo(0xFFFF00FF);
        assertThat(grid.argb(200, 120)).isEqualTo(0xFFFF00FF);
        assertThat(grid.argb(120, 100)).isEqualTo(0xFFFF00FF);
        assertThat(grid.argb(75, 75)).isEqualTo(GREY);
        // a dot every 10 px between them, nothing else
        assertThat(grid.argb(70, 90)).isEqualTo(0xFFFF00FF);
        assertThat(grid.argb(71, 90)).isEqualTo(GREY);
        assertThat(countInRegion(grid, new Region(60, 60, 40, 40), 0xFFFF00FF)).isEqualTo(16);
        // a label in black on white just right of each vertical line's top
        assertThat(grid.argb(52, 1)).isEqualTo(0xFFFFFFFF);
        long ink = countInRegion(grid, new Region(52, 1, 20, 14), 0xFF000000);
        assertThat(ink).isGreaterThan(10);
    }

    @Test
    void aNameThatIsNoPlainFileNameIsRefused() {
        Screenshot picture = Screenshot.ofPixels(1, 1, new int[] {GREY});

        assertThatThrownBy(() -> Captures.save(picture, temp, "../up", "the screen"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("capture name \"../up\"");
    }

    private static long countInRegion(Screenshot screen, Region region, int colour) {
        long count = 0;
        for (int y = region.y(); y < region.bottom(); y++) {
            for (int x = region.x(); x < region.right(); x++) {
                count += screen.argb(x, y) == colour ? 1 : 0;
            }
        }
        return count;
    }
}
