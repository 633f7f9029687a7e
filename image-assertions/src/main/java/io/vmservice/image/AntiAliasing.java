package io.vmservice.image;

import java.nio.IntBuffer;

/**
 * Tells whether a pixel is likely anti-aliasing, after V. Vyšniauskas, "Anti-aliased pixel and
 * intensity slope detector" (2009), with the rules pixelmatch 7.2 uses.
 *
 * <p>A pixel is anti-aliasing when it has both a darker and a brighter neighbour, at most two
 * equal neighbours, and its darkest or brightest neighbour sits in a flat area (three or more
 * equal neighbours) in both images. Missing neighbours at the border count as equal.
 */
final class AntiAliasing {

    // the eight neighbours column by column, as the reference visits them: the order decides ties
    private static final int[] DX = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int[] DY = {-1, 0, 1, -1, 1, -1, 0, 1};

    private AntiAliasing() {
    }

    /**
     * Whether the pixel at (x, y) of {@code image} is anti-aliasing, judged against {@code other}
     * for the flat-area test.
     */
    static boolean isAntiAliased(IntBuffer image, IntBuffer other, int x, int y, int width, int height,
            boolean checkerboard) {
        if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
            int center = image.get(y * width + x);
            if (IntegerLuma.isOpaque(center)) {
                return isAntiAliasedInside(image, other, center, x, y, width, height, checkerboard);
            }
        }
        return isAntiAliasedAnywhere(image, other, x, y, width, height, checkerboard);
    }

    /**
     * The common case, a pixel off the border with an opaque centre: eight neighbours read once,
     * ordered by integer luma while all of them are opaque.
     */
    private static boolean isAntiAliasedInside(IntBuffer image, IntBuffer other, int center, int x, int y,
            int width, int height, boolean checkerboard) {
        int index = y * width + x;
        int[] neighbours = new int[8];
        int equal = 0;
        int opaque = 0xFF;
        for (int k = 0; k < 8; k++) {
            int neighbour = image.get(index + offset(k, width));
            neighbours[k] = neighbour;
            equal += neighbour == center ? 1 : 0;
            opaque &= neighbour >>> 24;
        }
        if (equal > 2) {
            return false;
        }
        if (opaque != 0xFF) {
            return isAntiAliasedAnywhere(image, other, x, y, width, height, checkerboard);
        }
        long centerLuma = IntegerLuma.of(center);
        long brightestLuma = centerLuma;
        long darkestLuma = centerLuma;
        int brightest = -1;
        int darkest = -1;
        for (int k = 0; k < 8; k++) {
            long luma = IntegerLuma.of(neighbours[k]);
            if (luma > brightestLuma) {
                brightestLuma = luma;
                brightest = k;
            }
            if (luma < darkestLuma) {
                darkestLuma = luma;
                darkest = k;
            }
        }
        if (brightest < 0 || darkest < 0) {
            return false;
        }
        int bx = x + DX[brightest];
        int by = y + DY[brightest];
        int dx = x + DX[darkest];
        int dy = y + DY[darkest];
        return (inFlatArea(image, bx, by, width, height) && inFlatArea(other, bx, by, width, height))
                || (inFlatArea(image, dx, dy, width, height) && inFlatArea(other, dx, dy, width, height));
    }

    private static int offset(int k, int width) {
        return DY[k] * width + DX[k];
    }

    private static boolean isAntiAliasedAnywhere(IntBuffer image, IntBuffer other, int x, int y, int width,
            int height, boolean checkerboard) {
        int x0 = Math.max(x - 1, 0);
        int y0 = Math.max(y - 1, 0);
        int x2 = Math.min(x + 1, width - 1);
        int y2 = Math.min(y + 1, height - 1);
        int centerIndex = y * width + x;
        int center = image.get(centerIndex);
        int equal = x == x0 || x == x2 || y == y0 || y == y2 ? 1 : 0;
        long centerLuma = IntegerLuma.of(center);
        boolean opaque = IntegerLuma.isOpaque(center);
        // The brightest neighbour has the most negative brightness delta, the darkest the most
        // positive one; found by integer luma while every pixel met is opaque.
        int brightest = -1;
        int brightestX = 0;
        int brightestY = 0;
        int darkest = -1;
        int darkestX = 0;
        int darkestY = 0;
        long brightestLuma = centerLuma;
        long darkestLuma = centerLuma;
        double min = 0;
        double max = 0;

        // column by column, as the reference does: the order decides ties between neighbours
        for (int nx = x0; nx <= x2; nx++) {
            for (int ny = y0; ny <= y2; ny++) {
                if (nx == x && ny == y) {
                    continue;
                }
                int index = ny * width + nx;
                int neighbour = image.get(index);
                if (neighbour == center) {
                    equal++;
                    if (equal > 2) {
                        return false;
                    }
                    continue;
                }
                if (opaque && IntegerLuma.isOpaque(neighbour)) {
                    long luma = IntegerLuma.of(neighbour);
                    if (luma > brightestLuma) {
                        brightestLuma = luma;
                        brightest = index;
                        brightestX = nx;
                        brightestY = ny;
                    } else if (luma < darkestLuma) {
                        darkestLuma = luma;
                        darkest = index;
                        darkestX = nx;
                        darkestY = ny;
                    }
                    continue;
                }
                if (opaque) {
                    // a translucent pixel: from here on the reference arithmetic decides
                    opaque = false;
                    min = brightest < 0 ? 0 : deltaAt(image, center, brightest, centerIndex, checkerboard);
                    max = darkest < 0 ? 0 : deltaAt(image, center, darkest, centerIndex, checkerboard);
                }
                double delta = YiqColorDelta.brightnessDelta(center, neighbour, centerIndex, checkerboard);
                if (delta == 0) {
                    equal++;
                    if (equal > 2) {
                        return false;
                    }
                } else if (delta < min) {
                    min = delta;
                    brightest = index;
                    brightestX = nx;
                    brightestY = ny;
                } else if (delta > max) {
                    max = delta;
                    darkest = index;
                    darkestX = nx;
                    darkestY = ny;
                }
            }
        }
        if (brightest < 0 || darkest < 0) {
            return false;
        }
        return (inFlatArea(image, brightestX, brightestY, width, height)
                        && inFlatArea(other, brightestX, brightestY, width, height))
                || (inFlatArea(image, darkestX, darkestY, width, height)
                        && inFlatArea(other, darkestX, darkestY, width, height));
    }

    private static double deltaAt(IntBuffer image, int center, int index, int centerIndex, boolean checkerboard) {
        return YiqColorDelta.brightnessDelta(center, image.get(index), centerIndex, checkerboard);
    }

    /**
     * Whether the pixel has three or more neighbours of exactly its colour, a missing border
     * neighbour counting as one.
     */
    static boolean inFlatArea(IntBuffer image, int x, int y, int width, int height) {
        if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
            int index = y * width + x;
            int value = image.get(index);
            int equal = 0;
            for (int k = 0; k < 8; k++) {
                equal += image.get(index + offset(k, width)) == value ? 1 : 0;
            }
            return equal > 2;
        }
        int x0 = Math.max(x - 1, 0);
        int y0 = Math.max(y - 1, 0);
        int x2 = Math.min(x + 1, width - 1);
        int y2 = Math.min(y + 1, height - 1);
        int value = image.get(y * width + x);
        int equal = x == x0 || x == x2 || y == y0 || y == y2 ? 1 : 0;
        for (int nx = x0; nx <= x2; nx++) {
            for (int ny = y0; ny <= y2; ny++) {
                if (nx == x && ny == y) {
                    continue;
                }
                if (image.get(ny * width + nx) == value) {
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
