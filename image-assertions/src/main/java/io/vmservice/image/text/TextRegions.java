package io.vmservice.image.text;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_GRADIENT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_CCOMP;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.vmservice.desktop.Region;
import io.vmservice.desktop.Screenshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds the runs of text on a screen without reading them: the edges of glyphs (a morphological
 * gradient, thresholded) closed horizontally so that the letters and words of one run
 * become one blob; a blob counts when its box is mostly edges and is text-sized. Frames and
 * separators are mostly empty boxes or too thin, so they drop out, and the text inside a frame
 * (a button's label, a table's cell) stays.
 */
final class TextRegions {

    /** Below this height a blob is a line or noise, not a glyph row. */
    static final int MIN_HEIGHT = 7;
    static final int MAX_HEIGHT = 120;
    /**
     * The brightness step (of 255) that counts as a glyph's edge. A fixed step, not one chosen per
     * screen, keeps what is found in one part of the screen independent of the rest, so a changed
     * band can be searched again on its own.
     */
    private static final int EDGE_CONTRAST = 48;
    private static final double MIN_FILL = 0.45;
    /** Letters and words closer than this (pixels) join into one run. */
    private static final int JOIN_GAP = 9;

    private TextRegions() {
    }

    /** The text runs inside {@code area}, top to bottom then left to right, in screen pixels. */
    static List<Region> find(Screenshot screen, Region area) {
        return outermost(blobs(screen, area).stream().filter(Blob::text).map(Blob::box).toList());
    }

    /**
     * The runs of a screen whose runs on an earlier screen were {@code earlier} and whose
     * pixels changed only inside {@code changed}: the runs found again in the rows the change
     * can reach, the earlier ones elsewhere. Equal to {@link #find} on the new screen.
     */
    static List<Region> update(Screenshot screen, Region area, List<Region> earlier, Region changed) {
        // an edge pixel depends on its neighbours one row up and down
        int top = Math.max(area.y(), changed.y() - 1);
        int bottom = Math.min(area.bottom(), changed.bottom() + 1);
        while (true) {
            for (Region run : earlier) {
                // a run touching the rows may have joined (or lost) pixels there
                if (run.y() <= bottom && run.bottom() >= top) {
                    top = Math.min(top, run.y());
                    bottom = Math.max(bottom, run.bottom());
                }
            }
            // two more rows each side, so the edges on the band's outer rows are computed right too
            int bandTop = Math.max(area.y(), top - 2);
            int bandBottom = Math.min(area.bottom(), bottom + 2);
            List<Blob> blobs = blobs(screen, new Region(area.x(), bandTop, area.width(), bandBottom - bandTop));
            int grownTop = top;
            int grownBottom = bottom;
            for (Blob blob : blobs) {
                // a blob reaching past the rows may go on outside the band: look further that way,
                // unless it is already too tall to be text (a window's side, a scroll bar)
                if (blob.box().height() > MAX_HEIGHT) {
                    continue;
                }
                if (blob.box().y() < top) {
                    grownTop = Math.max(area.y(), top - MAX_HEIGHT);
                }
                if (blob.box().bottom() > bottom) {
                    grownBottom = Math.min(area.bottom(), bottom + MAX_HEIGHT);
                }
            }
            if (grownTop == top && grownBottom == bottom) {
                List<Region> runs = new ArrayList<>();
                for (Region run : earlier) {
                    if (run.bottom() <= top || run.y() >= bottom) {
                        runs.add(run);
                    }
                }
                for (Blob blob : blobs) {
                    if (blob.text()) {
                        runs.add(blob.box());
                    }
                }
                return outermost(runs);
            }
            top = grownTop;
            bottom = grownBottom;
        }
    }

    /** A connected patch of joined edges; {@code text} when it has the size and fill of a run of text. */
    private record Blob(Region box, boolean text) {
    }

    private static List<Blob> blobs(Screenshot screen, Region area) {
        byte[] grey = GreyPixels.of(screen, area);
        List<Blob> found = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(area.height(), area.width(), CV_8UC1);
            image.data().capacity(grey.length).put(grey);
            Mat edges = new Mat();
            morphologyEx(image, edges, MORPH_GRADIENT, getStructuringElement(MORPH_ELLIPSE, new Size(3, 3)));
            Mat binary = new Mat();
            threshold(edges, binary, EDGE_CONTRAST, 255, THRESH_BINARY);
            Mat joined = new Mat();
            morphologyEx(binary, joined, MORPH_CLOSE, getStructuringElement(MORPH_RECT, new Size(JOIN_GAP, 1)));
            MatVector contours = new MatVector();
            findContours(joined, contours, new Mat(), RETR_CCOMP, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                Rect r = boundingRect(contours.get(i));
                boolean text = r.height() >= MIN_HEIGHT && r.height() <= MAX_HEIGHT && r.width() >= 3
                        && countNonZero(joined.apply(r)) >= MIN_FILL * r.width() * r.height();
                found.add(new Blob(new Region(area.x() + r.x(), area.y() + r.y(), r.width(), r.height()), text));
            }
        }
        return found;
    }

    /** Drops runs that lie inside another, so no text is read twice. */
    private static List<Region> outermost(List<Region> regions) {
        List<Region> kept = new ArrayList<>();
        for (Region r : regions) {
            boolean inside = false;
            for (Region other : regions) {
                if (other != r && other.contains(r) && !(r.equals(other) && regions.indexOf(r) < regions.indexOf(other))) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(r);
            }
        }
        kept.sort(Comparator.comparingInt(Region::y).thenComparingInt(Region::x));
        return kept;
    }
}
