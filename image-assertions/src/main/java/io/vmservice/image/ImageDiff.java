package io.vmservice.image;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.IntBuffer;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Perceptual pixel-by-pixel comparison of two images of the same size: the YIQ colour distance
 * with anti-aliasing detection of pixelmatch 7.2, whose mismatch counts and diff images it
 * reproduces exactly, plus a budget and ignored regions.
 *
 * <pre>{@code
 * DiffResult result = ImageDiff.compare(expected, actual, DiffOptions.builder().threshold(0.05).build());
 * }</pre>
 */
public final class ImageDiff {

    // Below this many pixels one thread is faster than handing out work.
    private static final int PARALLEL_MIN_PIXELS = 1 << 18;

    private ImageDiff() {
    }

    public static DiffResult compare(Screenshot expected, Screenshot actual) {
        return compare(expected, actual, DiffOptions.defaults());
    }

    /** Compares; images of different sizes are an {@link InvalidInputException} naming both sizes. */
    public static DiffResult compare(Screenshot expected, Screenshot actual, DiffOptions options) {
        requireSameSize(expected, actual);
        int width = expected.width();
        int height = expected.height();
        IntBuffer img1 = expected.pixels();
        IntBuffer img2 = actual.pixels();
        long allowed = options.allowedDiffPixels((long) width * height);

        if (img1.mismatch(img2) < 0) {
            Optional<Screenshot> image = options.drawDiffImage()
                    ? Optional.of(DiffImage.faded(img1, width, height, options))
                    : Optional.empty();
            return new DiffResult(width, height, 0, allowed, Optional.empty(), image);
        }

        // straight on the screenshots' pixels: no copy, and equal runs are skipped by bulk mismatch
        DiffPass pass = new DiffPass(img1, img2, width, height, options, ignoredMask(options.ignoredRegions(), width, height));
        int strips = width * height >= PARALLEL_MIN_PIXELS
                ? Math.min(Runtime.getRuntime().availableProcessors(), height) : 1;
        DiffPass.Tally tally = strips == 1
                ? pass.run(0, height)
                : IntStream.range(0, strips).parallel()
                        .mapToObj(s -> pass.run(height * s / strips, height * (s + 1) / strips))
                        .reduce(DiffPass.Tally::plus).orElseThrow();
        return new DiffResult(width, height, tally.mismatched(), allowed, tally.area(), pass.diffImage());
    }

    static void requireSameSize(Screenshot expected, Screenshot actual) {
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            throw new InvalidInputException("images differ in size: expected " + expected.width() + "x"
                    + expected.height() + ", actual " + actual.width() + "x" + actual.height());
        }
    }

    /** One flag per pixel, or null when nothing is ignored. */
    private static boolean[] ignoredMask(List<Region> regions, int width, int height) {
        if (regions.isEmpty()) {
            return null;
        }
        boolean[] mask = new boolean[width * height];
        Region bounds = new Region(0, 0, width, height);
        for (Region region : regions) {
            Region inside = region.intersection(bounds);
            if (inside == null) {
                continue;
            }
            for (int y = inside.y(); y < inside.bottom(); y++) {
                int row = y * width;
                java.util.Arrays.fill(mask, row + inside.x(), row + inside.right(), true);
            }
        }
        return mask;
    }
}
