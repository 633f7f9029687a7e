package io.vmservice.image;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.IntBuffer;
import java.util.Optional;

/** One comparison over a band of rows; bands are independent, so they may run in parallel. */
final class DiffPass {

    private final IntBuffer img1;
    private final IntBuffer img2;
    private final int width;
    private final int height;
    private final boolean[] ignored;
    private final boolean checkerboard;
    private final boolean includeAntiAliasing;
    private final double maxDelta;
    private final int[] output;
    private final boolean diffMask;
    private final double alpha;
    private final int aaArgb;
    private final int diffArgb;
    private final int diffAltArgb;

    DiffPass(IntBuffer img1, IntBuffer img2, int width, int height, DiffOptions options, boolean[] ignored) {
        this.img1 = img1;
        this.img2 = img2;
        this.width = width;
        this.height = height;
        this.ignored = ignored;
        this.checkerboard = options.checkerboard();
        this.includeAntiAliasing = options.includeAntiAliasing();
        this.maxDelta = YiqColorDelta.MAX_DELTA * options.threshold() * options.threshold();
        this.output = options.drawDiffImage() ? new int[width * height] : null;
        this.diffMask = options.diffMask();
        this.alpha = options.alpha();
        this.aaArgb = 0xFF000000 | options.antiAliasingColor();
        this.diffArgb = 0xFF000000 | options.diffColor();
        this.diffAltArgb = 0xFF000000 | options.diffColorAlt();
    }

    /** Compares rows [fromRow, toRow). */
    Tally run(int fromRow, int toRow) {
        long mismatched = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        boolean drawBackground = output != null && !diffMask;
        FlatAreas flatAreas = new FlatAreas(img1, img2, width, height, fromRow, toRow);
        for (int y = fromRow; y < toRow; y++) {
            int row = y * width;
            int end = row + width;
            int i = row;
            while (i < end) {
                int next = nextDifference(i, end);
                if (drawBackground) {
                    drawFaded(i, next);
                }
                if (next == end) {
                    break;
                }
                i = next;
                int x = i - row;
                int p1 = img1.get(i);
                int p2 = img2.get(i);
                double delta = ignored != null && ignored[i] ? 0 : YiqColorDelta.colorDelta(p1, p2, i, checkerboard);
                if (Math.abs(delta) > maxDelta) {
                    if (!includeAntiAliasing && isAntiAliased(x, y, flatAreas)) {
                        if (drawBackground) {
                            output[i] = aaArgb;
                        }
                    } else {
                        if (output != null) {
                            output[i] = delta < 0 ? diffAltArgb : diffArgb;
                        }
                        mismatched++;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = y;
                    }
                } else if (drawBackground) {
                    output[i] = DiffImage.grey(YiqColorDelta.fadedGrey(p1, alpha));
                }
                i++;
            }
        }
        Optional<Region> area = mismatched == 0 ? Optional.empty()
                : Optional.of(new Region(minX, minY, maxX - minX + 1, maxY - minY + 1));
        return new Tally(mismatched, area);
    }

    /** In either image; the flat-area screen rules out most pixels of busy content at once. */
    private boolean isAntiAliased(int x, int y, FlatAreas flatAreas) {
        return flatAreas.anyNeighbourFlat(x, y)
                && (AntiAliasing.isAntiAliased(img1, img2, x, y, width, height, checkerboard)
                    || AntiAliasing.isAntiAliased(img2, img1, x, y, width, height, checkerboard));
    }

    /** The index of the first differing pixel in [from, to), or {@code to}; equal runs go at memory speed. */
    private int nextDifference(int from, int to) {
        if (from == to || img1.get(from) != img2.get(from)) {
            return from;
        }
        int offset = img1.slice(from, to - from).mismatch(img2.slice(from, to - from));
        return offset < 0 ? to : from + offset;
    }

    /** The expected image faded, for unchanged pixels [from, to); runs of one colour are common. */
    private void drawFaded(int from, int to) {
        int lastPixel = 0;
        int lastGrey = DiffImage.grey(YiqColorDelta.fadedGrey(0, alpha));
        for (int i = from; i < to; i++) {
            int pixel = img1.get(i);
            if (pixel != lastPixel) {
                lastPixel = pixel;
                lastGrey = DiffImage.grey(YiqColorDelta.fadedGrey(pixel, alpha));
            }
            output[i] = lastGrey;
        }
    }

    Optional<Screenshot> diffImage() {
        return output == null ? Optional.empty() : Optional.of(Screenshot.ofPixels(width, height, output));
    }

    /** Differences counted in one band, and where they were. */
    record Tally(long mismatched, Optional<Region> area) {

        Tally plus(Tally other) {
            if (area.isEmpty()) {
                return new Tally(mismatched + other.mismatched, other.area);
            }
            if (other.area.isEmpty()) {
                return new Tally(mismatched + other.mismatched, area);
            }
            Region a = area.get();
            Region b = other.area.get();
            int left = Math.min(a.x(), b.x());
            int top = Math.min(a.y(), b.y());
            int right = Math.max(a.right(), b.right());
            int bottom = Math.max(a.bottom(), b.bottom());
            return new Tally(mismatched + other.mismatched,
                    Optional.of(new Region(left, top, right - left, bottom - top)));
        }
    }
}
