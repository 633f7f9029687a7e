package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.IntBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detector orders neighbours by integer luma instead of the reference's floating-point
 * brightness deltas; on every pixel of images built to be full of ties, flat areas and borders
 * it must decide exactly as the plain floating-point detector below.
 */
class AntiAliasingTest {

    private static final int WIDTH = 37;
    private static final int HEIGHT = 23;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decidesAsTheFloatingPointDetectorOnOpaqueImages(boolean checkerboard) {
        for (long seed = 0; seed < 40; seed++) {
            assertSameDecisions(image(seed, false), image(seed + 1000, false), checkerboard);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decidesAsTheFloatingPointDetectorWithTranslucentPixels(boolean checkerboard) {
        for (long seed = 0; seed < 40; seed++) {
            assertSameDecisions(image(seed, true), image(seed + 1000, true), checkerboard);
        }
    }

    private static void assertSameDecisions(int[] a, int[] b, boolean checkerboard) {
        IntBuffer first = IntBuffer.wrap(a).asReadOnlyBuffer();
        IntBuffer second = IntBuffer.wrap(b).asReadOnlyBuffer();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                assertThat(AntiAliasing.isAntiAliased(first, second, x, y, WIDTH, HEIGHT, checkerboard))
                        .as("pixel (%d, %d)", x, y)
                        .isEqualTo(floatingPoint(a, b, x, y, WIDTH, HEIGHT, checkerboard));
            }
        }
    }

    /** A few colours in patches, so that equal neighbours, flat areas and equal deltas are common. */
    static int[] image(long seed, boolean translucent) {
        return image(seed, translucent, WIDTH, HEIGHT);
    }

    static int[] image(long seed, boolean translucent, int width, int height) {
        Random random = new Random(seed);
        int[] palette = new int[5];
        for (int i = 0; i < palette.length; i++) {
            int alpha = translucent && random.nextInt(3) == 0 ? random.nextInt(256) : 0xFF;
            palette[i] = alpha << 24 | random.nextInt(0x1000000);
        }
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(4) == 0 && i > 0 ? pixels[i - 1] : palette[random.nextInt(palette.length)];
        }
        return pixels;
    }

    /** The detector as the reference writes it, with floating-point brightness deltas. */
    static boolean floatingPoint(int[] image, int[] other, int x, int y, int width, int height,
            boolean checkerboard) {
        int center = image[y * width + x];
        int equal = x == 0 || y == 0 || x == width - 1 || y == height - 1 ? 1 : 0;
        double min = 0;
        double max = 0;
        int minX = 0;
        int minY = 0;
        int maxX = 0;
        int maxY = 0;
        for (int nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, width - 1); nx++) {
            for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, height - 1); ny++) {
                if (nx == x && ny == y) {
                    continue;
                }
                double delta = YiqColorDelta.brightnessDelta(center, image[ny * width + nx], y * width + x,
                        checkerboard);
                if (delta == 0) {
                    if (++equal > 2) {
                        return false;
                    }
                } else if (delta < min) {
                    min = delta;
                    minX = nx;
                    minY = ny;
                } else if (delta > max) {
                    max = delta;
                    maxX = nx;
                    maxY = ny;
                }
            }
        }
        return min != 0 && max != 0
                && (flat(image, minX, minY, width, height) && flat(other, minX, minY, width, height)
                        || flat(image, maxX, maxY, width, height) && flat(other, maxX, maxY, width, height));
    }

    private static boolean flat(int[] image, int x, int y, int width, int height) {
        int equal = x == 0 || y == 0 || x == width - 1 || y == height - 1 ? 1 : 0;
        for (int nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, width - 1); nx++) {
            for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, height - 1); ny++) {
                if ((nx != x || ny != y) && image[ny * width + nx] == image[y * width + x]) {
                    equal++;
                }
            }
        }
        return equal > 2;
    }
}
