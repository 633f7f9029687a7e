package io.vmservice.image;

import java.nio.IntBuffer;

/**
 * Which pixels of a band lie in a flat area of both images, each worked out when first asked.
 *
 * <p>A pixel is anti-aliasing only when its darkest or brightest neighbour is flat in both
 * images, so a pixel with no such neighbour is not anti-aliasing in either image, and the full
 * detector never runs. On busy content (photos, noise) that is almost every differing pixel.
 * One instance per band and thread.
 */
final class FlatAreas {

    private static final byte UNKNOWN = 0;
    private static final byte FLAT = 1;
    private static final byte NOT_FLAT = 2;

    private final IntBuffer img1;
    private final IntBuffer img2;
    private final int width;
    private final int height;
    private final int firstRow;
    private final int rows;
    // made on the first question: most bands of a typical UI diff never ask one
    private byte[] state;

    /** For the rows [fromRow, toRow) of a pass, whose neighbours may lie one row outside. */
    FlatAreas(IntBuffer img1, IntBuffer img2, int width, int height, int fromRow, int toRow) {
        this.img1 = img1;
        this.img2 = img2;
        this.width = width;
        this.height = height;
        this.firstRow = Math.max(0, fromRow - 1);
        this.rows = Math.min(height, toRow + 1) - firstRow;
    }

    /** Whether any neighbour of (x, y) is in a flat area of both images. */
    boolean anyNeighbourFlat(int x, int y) {
        for (int nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, width - 1); nx++) {
            for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, height - 1); ny++) {
                if ((nx != x || ny != y) && flatInBoth(nx, ny)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean flatInBoth(int x, int y) {
        if (state == null) {
            state = new byte[rows * width];
        }
        int i = (y - firstRow) * width + x;
        if (state[i] == UNKNOWN) {
            state[i] = AntiAliasing.inFlatArea(img1, x, y, width, height)
                    && AntiAliasing.inFlatArea(img2, x, y, width, height) ? FLAT : NOT_FLAT;
        }
        return state[i] == FLAT;
    }
}
