package io.vmservice.image;

/**
 * The perceptual colour distance of pixelmatch 7.2: the squared YIQ distance of Kotsarenko and
 * Ramos, with semi-transparent pixels blended onto a background first.
 *
 * <p>Every expression keeps the evaluation order of the reference so that results are equal to
 * the last bit; the mismatch counts of pixelmatch's own fixtures depend on it.
 */
final class YiqColorDelta {

    /** The largest value {@link #colorDelta} can return for 8-bit inputs (red against cyan). */
    static final double MAX_DELTA = 35215;

    private static final double PHI = 1.618033988749895;
    private static final double PHI_PLUS_ONE = 2.618033988749895;

    private YiqColorDelta() {
    }

    /**
     * The squared YIQ distance between two different pixels, negative when the second one is
     * darker (content drawn on top in the actual image).
     *
     * @param index the pixel's index in the image, which picks the checkerboard background
     */
    static double colorDelta(int argb1, int argb2, int index, boolean checkerboard) {
        int a1 = argb1 >>> 24;
        int a2 = argb2 >>> 24;
        boolean blend = a1 < 255 || a2 < 255;
        int k = index * 4;
        double dr = channelDelta(argb1, argb2, 16, a1, a2, blend ? backgroundRed(k, checkerboard) : 0, blend);
        double dg = channelDelta(argb1, argb2, 8, a1, a2, blend ? backgroundGreen(k, checkerboard) : 0, blend);
        double db = channelDelta(argb1, argb2, 0, a1, a2, blend ? backgroundBlue(k, checkerboard) : 0, blend);

        double y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
        double i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
        double q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
        double delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
        return y > 0 ? -delta : delta;
    }

    /**
     * The brightness-only (Y) difference between a centre pixel and a neighbour, for the
     * anti-aliasing detector; exactly 0 only when both pixels are equal.
     *
     * @param centerIndex the centre pixel's index, which picks the checkerboard background
     */
    static double brightnessDelta(int center, int neighbour, int centerIndex, boolean checkerboard) {
        if (center == neighbour) {
            return 0;
        }
        int a1 = center >>> 24;
        int a2 = neighbour >>> 24;
        boolean blend = a1 < 255 || a2 < 255;
        int k = centerIndex * 4;
        double dr = channelDelta(center, neighbour, 16, a1, a2, blend ? backgroundRed(k, checkerboard) : 0, blend);
        double dg = channelDelta(center, neighbour, 8, a1, a2, blend ? backgroundGreen(k, checkerboard) : 0, blend);
        double db = channelDelta(center, neighbour, 0, a1, a2, blend ? backgroundBlue(k, checkerboard) : 0, blend);
        return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    }

    /**
     * One channel's difference; when either pixel is translucent, both are first composited on
     * the background, with the reference's exact integer arithmetic.
     */
    private static double channelDelta(int argb1, int argb2, int shift, int a1, int a2, int background, boolean blend) {
        int c1 = (argb1 >> shift) & 0xFF;
        int c2 = (argb2 >> shift) & 0xFF;
        return blend ? (c1 * a1 - c2 * a2 - background * (a1 - a2)) / 255.0 : c1 - c2;
    }

    /** The brightness of a pixel as the grey level of the diff image's faded background. */
    static int fadedGrey(int argb, double alpha) {
        int a = argb >>> 24;
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        double luma = r * 0.29889531 + g * 0.58662247 + b * 0.11448223;
        // the reference stores into a byte array, which truncates rather than rounds
        return (int) (255 + (luma - 255) * alpha * a / 255);
    }

    // The checkerboard has periods 1, phi and phi + 1 over the byte offset k of the pixel;
    // k is always even, so red is always dark. Plain white when the checkerboard is off.
    private static int backgroundRed(int k, boolean checkerboard) {
        return checkerboard ? 48 + 159 * (k % 2) : 255;
    }

    private static int backgroundGreen(int k, boolean checkerboard) {
        return checkerboard ? 48 + 159 * (((int) (k / PHI)) % 2) : 255;
    }

    private static int backgroundBlue(int k, boolean checkerboard) {
        return checkerboard ? 48 + 159 * (((int) (k / PHI_PLUS_ONE)) % 2) : 255;
    }
}
