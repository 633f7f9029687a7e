package io.vmservice.desktop;

import io.vmservice.screen.Screenshot;

/**
 * A copy of a picture with a line every {@value #STEP} pixels and the coordinate written at the
 * top and left end of each, and a dot every {@value #FINE_STEP} pixels between them, to read off
 * the box of a widget to cut as a template to within a few pixels. Digits are drawn from a
 * built-in 3x5 font: no font has to be installed.
 */
final class CoordinateGrid {

    static final int STEP = 50;
    static final int FINE_STEP = 10;

    private static final int LINE = 0xFFFF00FF;
    private static final int INK = 0xFF000000;
    private static final int PAPER = 0xFFFFFFFF;
    private static final int SCALE = 2;
    // rows of three bits, top row first, for the digits 0 to 9
    private static final int[][] DIGITS = {
            {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
            {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}};

    private CoordinateGrid() {
    }

    static Screenshot draw(Screenshot picture) {
        int width = picture.width();
        int height = picture.height();
        int[] pixels = new int[width * height];
        picture.pixels().get(pixels);
        // single dots, so that counting tens between two lines costs the picture almost nothing
        for (int y = FINE_STEP; y < height; y += FINE_STEP) {
            for (int x = FINE_STEP; x < width; x += FINE_STEP) {
                pixels[y * width + x] = LINE;
            }
        }
        for (int x = STEP; x < width; x += STEP) {
            for (int y = 0; y < height; y += 2) {       // dotted, so the picture still shows through
                pixels[y * width + x] = LINE;
            }
            label(pixels, width, height, x + 2, 1, x);
        }
        for (int y = STEP; y < height; y += STEP) {
            for (int x = 0; x < width; x += 2) {
                pixels[y * width + x] = LINE;
            }
            label(pixels, width, height, 1, y + 2, y);
        }
        return Screenshot.ofPixels(width, height, pixels);
    }

    private static void label(int[] pixels, int width, int height, int left, int top, int value) {
        String text = Integer.toString(value);
        int boxWidth = text.length() * 4 * SCALE + SCALE;
        int boxHeight = 5 * SCALE + 2 * SCALE;
        fill(pixels, width, height, left, top, boxWidth, boxHeight, PAPER);
        for (int i = 0; i < text.length(); i++) {
            int[] rows = DIGITS[text.charAt(i) - '0'];
            for (int row = 0; row < 5; row++) {
                for (int column = 0; column < 3; column++) {
                    if ((rows[row] >> (2 - column) & 1) == 1) {
                        fill(pixels, width, height, left + SCALE + (i * 4 + column) * SCALE, top + SCALE + row * SCALE,
                                SCALE, SCALE, INK);
                    }
                }
            }
        }
    }

    private static void fill(int[] pixels, int width, int height, int left, int top, int w, int h, int colour) {
        for (int y = Math.max(0, top); y < Math.min(height, top + h); y++) {
            for (int x = Math.max(0, left); x < Math.min(width, left + w); x++) {
                pixels[y * width + x] = colour;
            }
        }
    }
}
