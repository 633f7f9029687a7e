package io.vmservice.image;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link ImageDiff} found.
 *
 * @param width       width of both images
 * @param height      height of both images
 * @param mismatched  pixels that differ beyond the threshold, anti-aliasing and ignored areas excluded
 * @param allowed     how many differing pixels the budget allows
 * @param changedArea the smallest rectangle holding every counted difference, empty when none
 * @param diffImage   the expected image faded, with differences painted, when it was asked for
 */
public record DiffResult(int width, int height, long mismatched, long allowed,
        Optional<Region> changedArea, Optional<Screenshot> diffImage) {

    public long total() {
        return (long) width * height;
    }

    /** Differing pixels as a share of all pixels, 0..1. */
    public double ratio() {
        return (double) mismatched / total();
    }

    /** True when the differences fit the budget. */
    public boolean passed() {
        return mismatched <= allowed;
    }

    /** E.g. "143 of 131072 pixels (0.11%) differ, 0 allowed, within 40x12 at (100, 20)". */
    public String describe() {
        String text = String.format(Locale.ROOT, "%d of %d pixels (%.2f%%) differ, %d allowed",
                mismatched, total(), ratio() * 100, allowed);
        return changedArea.map(area -> text + ", within " + area).orElse(text);
    }
}
