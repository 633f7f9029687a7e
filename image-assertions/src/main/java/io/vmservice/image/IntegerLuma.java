package io.vmservice.image;

/**
 * The brightness of an opaque pixel as an exact integer: the Y weights of {@link YiqColorDelta}
 * times 10^8.
 *
 * <p>No two different opaque colours have the same integer luma (no non-zero (dr, dg, db) in
 * [-255, 255] cancels the three weights), and two different ones differ by at least 10^-8 in Y,
 * far above the rounding of the floating-point delta. So comparing integer lumas orders and
 * signs brightness deltas exactly as the reference arithmetic does, without any of it.
 */
final class IntegerLuma {

    private static final long RED = 29_889_531L;
    private static final long GREEN = 58_662_247L;
    private static final long BLUE = 11_448_223L;

    private IntegerLuma() {
    }

    static long of(int argb) {
        return RED * ((argb >> 16) & 0xFF) + GREEN * ((argb >> 8) & 0xFF) + BLUE * (argb & 0xFF);
    }

    static boolean isOpaque(int argb) {
        return argb >>> 24 == 0xFF;
    }
}
