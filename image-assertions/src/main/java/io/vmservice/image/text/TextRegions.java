package io.vmservice.image.text;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.REDUCE_SUM;
import static org.bytedeco.opencv.global.opencv_core.bitwise_or;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.reduce;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_GRADIENT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_CCOMP;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds the runs of text on a screen without reading them: the edges of glyphs (a morphological
 * gradient, thresholded, and large steps in any colour channel) without long straight edges
 * (frames, separators), closed horizontally so that the letters and words of one run become one
 * blob; a blob counts when its box is mostly edges and is text-sized. So the text inside a frame
 * (a button's label, a table's cell, an editor's first line) stays, and the frame drops out. A
 * blob that is not text as a whole gives up the text between its full-height sides (a frame too
 * short to count as a line, joined to the label beside it), and a run whose ground turns from
 * light to dark (a dark label beside text on the page) is cut there.
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
    /**
     * The step in one colour channel that counts as an edge whatever the brightness step: a
     * strong colour (a terminal's blue on black), not the tints of a widget's border.
     */
    private static final int COLOUR_CONTRAST = 96;
    /** A straight edge at least this long (pixels) is a frame's, not a glyph's. */
    private static final int LINE = 32;
    /** Edges at least this thick across a line belong to glyphs' strokes. */
    private static final int STROKE = 6;
    private static final double MIN_FILL = 0.3;
    /** The share of a blob's height a widget's side spans in edges. */
    private static final double SIDE_SHARE = 0.8;
    /** Columns of one ground that a run has at least before and after a change of ground. */
    private static final int MIN_GROUND = 8;
    /** Letters and words closer than this (pixels) join into one run. */
    private static final int JOIN_GAP = 9;
    /** How many rows away a changed pixel can change what is found: a line's length, a stroke's and the edge's pixel. */
    private static final int REACH = LINE + STROKE + JOIN_GAP + 1;

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
        // an edge pixel depends on the rows a line's length up and down (see blobs)
        int top = Math.max(area.y(), changed.y() - REACH);
        int bottom = Math.min(area.bottom(), changed.bottom() + REACH);
        while (true) {
            for (Region run : earlier) {
                // a run touching the rows may have joined (or lost) pixels there
                if (run.y() <= bottom && run.bottom() >= top) {
                    top = Math.min(top, run.y());
                    bottom = Math.max(bottom, run.bottom());
                }
            }
            // as many rows again each side, so the edges on the rows in question are computed right
            int bandTop = Math.max(area.y(), top - REACH);
            int bandBottom = Math.min(area.bottom(), bottom + REACH);
            List<Blob> blobs = blobs(screen, new Region(area.x(), bandTop, area.width(), bandBottom - bandTop));
            int grownTop = top;
            int grownBottom = bottom;
            for (Blob blob : blobs) {
                // a blob reaching from the rows past them may go on outside the band: look further
                // that way, unless it is already too tall to be text (a window's side, a scroll bar);
                // blobs wholly outside the rows are the earlier runs there
                if (blob.box().height() > MAX_HEIGHT) {
                    continue;
                }
                if (blob.box().y() < top && blob.box().bottom() > top) {
                    grownTop = Math.max(area.y(), top - MAX_HEIGHT);
                }
                if (blob.box().bottom() > bottom && blob.box().y() < bottom) {
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
                    // blobs wholly in the extra rows are the earlier runs there, seen partly
                    if (blob.text() && blob.box().y() >= top && blob.box().bottom() <= bottom) {
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
        byte[] bgr = GreyPixels.channels(screen, area);
        List<Blob> found = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(area.height(), area.width(), CV_8UC1);
            image.data().capacity(grey.length).put(grey);
            Mat edges = new Mat();
            Mat glyphShape = getStructuringElement(MORPH_ELLIPSE, new Size(3, 3));
            morphologyEx(image, edges, MORPH_GRADIENT, glyphShape);
            Mat binary = new Mat();
            threshold(edges, binary, EDGE_CONTRAST, 255, THRESH_BINARY);
            // a large step in one colour channel too: blue on black is a few grey levels apart
            Mat colour = new Mat(area.height(), area.width(), CV_8UC3);
            colour.data().capacity(bgr.length).put(bgr);
            Mat colourEdges = new Mat();
            morphologyEx(colour, colourEdges, MORPH_GRADIENT, glyphShape);
            MatVector perChannel = new MatVector();
            split(colourEdges, perChannel);
            Mat steepest = new Mat();
            max(perChannel.get(0), perChannel.get(1), steepest);
            max(steepest, perChannel.get(2), steepest);
            threshold(steepest, steepest, COLOUR_CONTRAST, 255, THRESH_BINARY);
            bitwise_or(binary, steepest, binary);
            // frames, separators and field borders: long straight edges, which no glyph has;
            // left in, they would join the text near them into one frame-sized blob
            Mat horizontal = thinLines(binary, new Size(LINE, 1), new Size(1, STROKE), new Size(JOIN_GAP, 3));
            Mat vertical = thinLines(binary, new Size(1, LINE), new Size(STROKE, 1), new Size(3, JOIN_GAP));
            subtract(binary, horizontal, binary);
            subtract(binary, vertical, binary);
            Mat joined = new Mat();
            morphologyEx(binary, joined, MORPH_CLOSE, getStructuringElement(MORPH_RECT, new Size(JOIN_GAP, 1)));
            MatVector contours = new MatVector();
            findContours(joined, contours, new Mat(), RETR_CCOMP, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                Rect r = boundingRect(contours.get(i));
                if (isText(joined, r)) {
                    addRuns(found, grey, area, r);
                    continue;
                }
                found.add(new Blob(new Region(area.x() + r.x(), area.y() + r.y(), r.width(), r.height()), false));
                if (r.height() >= MIN_HEIGHT && r.height() <= MAX_HEIGHT) {
                    for (Rect part : textBesideFrames(binary, joined, r)) {
                        addRuns(found, grey, area, part);
                    }
                }
            }
        }
        return found;
    }

    private static boolean isText(Mat joined, Rect r) {
        return r.height() >= MIN_HEIGHT && r.height() <= MAX_HEIGHT && r.width() >= 3
                && countNonZero(joined.apply(r)) >= MIN_FILL * r.width() * r.height();
    }

    /**
     * The text in a blob that is not text as a whole, between the columns where edges run
     * (nearly) its whole height: a widget's side too short to count as a line, whose frame
     * joined the label beside it (a spin button and its unit).
     */
    private static List<Rect> textBesideFrames(Mat edges, Mat joined, Rect blob) {
        Mat columns = new Mat();
        reduce(edges.apply(blob), columns, 0, REDUCE_SUM, CV_32S);
        int[] sums = new int[blob.width()];
        try (IntIndexer indexer = columns.createIndexer()) {
            indexer.get(0, sums);
        }
        List<Rect> parts = new ArrayList<>();
        int start = 0;
        for (int x = 0; x <= blob.width(); x++) {
            boolean side = x < blob.width() && sums[x] / 255 >= SIDE_SHARE * blob.height();
            if (x < blob.width() && !side) {
                continue;
            }
            if (x - start >= 3 && (start > 0 || x < blob.width())) {
                Rect slice = new Rect(blob.x() + start, blob.y(), x - start, blob.height());
                Rect ink = boundingRect(joined.apply(slice));
                Rect part = new Rect(slice.x() + ink.x(), slice.y() + ink.y(), ink.width(), ink.height());
                if (ink.width() > 0 && isText(joined, part)) {
                    parts.add(part);
                }
            }
            start = x + 1;
        }
        return parts;
    }

    /**
     * Long, thin runs of edges: a straight edge at least {@code along} long that is not part of
     * an area of edges as thick as a glyph's strokes ({@code across}, widened by {@code near}).
     * Inside a word the edges of neighbouring letters also line up over a long stretch, but
     * there the edges are thick everywhere.
     */
    private static Mat thinLines(Mat edges, Size along, Size across, Size near) {
        Mat straight = new Mat();
        morphologyEx(edges, straight, MORPH_OPEN, getStructuringElement(MORPH_RECT, along));
        Mat thick = new Mat();
        morphologyEx(edges, thick, MORPH_OPEN, getStructuringElement(MORPH_RECT, across));
        dilate(thick, thick, getStructuringElement(MORPH_RECT, near));
        subtract(straight, thick, straight);
        return straight;
    }

    /**
     * A text blob as runs, cut where its ground turns from dark to light or back: a dark label's
     * box next to text on the page joins it into one blob, and no single polarity reads both.
     * {@code grey} is the brightness of {@code area}, {@code blob} a rectangle inside it.
     */
    private static void addRuns(List<Blob> found, byte[] grey, Region area, Rect blob) {
        // a ground is a stretch of at least MIN_GROUND columns alike; fewer are a glyph's
        // stroke or a frame's edge, and stay with the ground before them
        int start = 0;
        Boolean ground = null;
        boolean previous = false;
        int stretch = 0;
        for (int x = 0; x < blob.width(); x++) {
            boolean dark = darkColumn(grey, area.width(), blob, x);
            stretch = x > 0 && dark == previous ? stretch + 1 : 1;
            previous = dark;
            if (stretch == MIN_GROUND && !Boolean.valueOf(dark).equals(ground)) {
                int cut = x - MIN_GROUND + 1;
                if (ground != null) {
                    found.add(new Blob(new Region(area.x() + blob.x() + start, area.y() + blob.y(), cut - start,
                            blob.height()), true));
                    start = cut;
                }
                ground = dark;
            }
        }
        found.add(new Blob(new Region(area.x() + blob.x() + start, area.y() + blob.y(), blob.width() - start,
                blob.height()), true));
    }

    /** Whether most of the blob's column {@code x} is darker than mid grey. */
    private static boolean darkColumn(byte[] grey, int stride, Rect blob, int x) {
        int dark = 0;
        for (int y = blob.y(); y < blob.y() + blob.height(); y++) {
            if ((grey[y * stride + blob.x() + x] & 0xff) < 128) {
                dark++;
            }
        }
        return dark * 2 > blob.height();
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
