package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.Screenshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pass skips equal runs, screens out pixels with no flat neighbour and splits large images
 * into bands; whatever the content, it must count what a plain pixel-by-pixel loop counts.
 */
class DiffPassTest {

    @ParameterizedTest
    @CsvSource({"37, 23, false", "37, 23, true", "700, 400, false", "700, 400, true"})
    void countsAsAPlainPixelByPixelLoop(int width, int height, boolean translucent) {
        for (long seed = 0; seed < 4; seed++) {
            int[] a = AntiAliasingTest.image(seed, translucent, width, height);
            int[] b = AntiAliasingTest.image(seed + 50, translucent, width, height);
            // mostly the same picture, a quarter of it different
            System.arraycopy(a, 0, b, 0, a.length * 3 / 4);
            DiffOptions options = DiffOptions.builder().threshold(0.05).checkerboard(false).drawDiffImage(false).build();

            long counted = ImageDiff.compare(Screenshot.ofPixels(width, height, a.clone()),
                    Screenshot.ofPixels(width, height, b.clone()), options).mismatched();

            assertThat(counted).isEqualTo(plainCount(a, b, width, height, 0.05));
        }
    }

    private static long plainCount(int[] a, int[] b, int width, int height, double threshold) {
        double maxDelta = YiqColorDelta.MAX_DELTA * threshold * threshold;
        long count = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (a[i] == b[i] || Math.abs(YiqColorDelta.colorDelta(a[i], b[i], i, false)) <= maxDelta) {
                    continue;
                }
                if (!AntiAliasingTest.floatingPoint(a, b, x, y, width, height, false)
                        && !AntiAliasingTest.floatingPoint(b, a, x, y, width, height, false)) {
                    count++;
                }
            }
        }
        return count;
    }
}
