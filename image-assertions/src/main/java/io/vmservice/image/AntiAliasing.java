package io.vmservice.image;

/**
 * Tells whether a pixel is likely anti-aliasing, after V. Vyšniauskas, "Anti-aliased pixel and
 * intensity slope detector" (2009), with the rules pixelmatch 7.2 uses.
 *
 * <p>A pixel is anti-aliasing when it has both a darker and a brighter neighbour, at most two
 * equal neighbours, and its darkest or brightest neighbour sits in a flat area (three or more
 * equal neighbours) in both images. Missing neighbours at the border count as equal.
 */
final class AntiAliasing {

    private AntiAliasing() {
    }

    /**
     * Whether the pixel at (x, y) of {@code image} is anti-aliasing, judged against {@code other}
     * for the flat-area test.
     */
    static boolean isAntiAliased(int[] image, int[] other, int x, int y, int width, int height,
            boolean checkerboard) {
        int x0 = Math.max(x - 1, 0);
        int y0 = Math.max(y - 1, 0);
        int x2 = Math.min(x + 1, width - 1);
        int y2 = Math.min(y + 1, height - 1);
        int centerIndex = y * width + x;
        int center = image[centerIndex];
        int equal = x == x0 || x == x2 || y == y0 || y == y2 ? 1 : 0;
        double min = 0;
        double max = 0;
        int minX = 0;
        int minY = 0;
        int maxX = 0;
        int maxY = 0;

        // column by column, as the reference does: the order decides ties between neighbours
        for (int nx = x0; nx <= x2; nx++) {
            for (int ny = y0; ny <= y2; ny++) {
                if (nx == x && ny == y) {
                    continue;
                }
                double delta = YiqColorDelta.brightnessDelta(center, image[ny * width + nx],
                        centerIndex, checkerboard);
                if (delta == 0) {
                    equal++;
                    if (equal > 2) {
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
        if (min == 0 || max == 0) {
            return false;
        }
        return (inFlatArea(image, minX, minY, width, height) && inFlatArea(other, minX, minY, width, height))
                || (inFlatArea(image, maxX, maxY, width, height) && inFlatArea(other, maxX, maxY, width, height));
    }

    /** Whether the pixel has three or more neighbours of exactly its colour. */
    private static boolean inFlatArea(int[] image, int x, int y, int width, int height) {
        int x0 = Math.max(x - 1, 0);
        int y0 = Math.max(y - 1, 0);
        int x2 = Math.min(x + 1, width - 1);
        int y2 = Math.min(y + 1, height - 1);
        int value = image[y * width + x];
        int equal = x == x0 || x == x2 || y == y0 || y == y2 ? 1 : 0;
        for (int nx = x0; nx <= x2; nx++) {
            for (int ny = y0; ny <= y2; ny++) {
                if (nx == x && ny == y) {
                    continue;
                }
                if (image[ny * width + nx] == value) {
                    equal++;
                    if (equal > 2) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
