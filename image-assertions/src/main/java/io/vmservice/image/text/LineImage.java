package io.vmservice.image.text;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One run of text prepared for Tesseract: grey, dark text on a light ground, enlarged so its
 * height is what the LSTM models read well, with a margin of the run's ground (a tight crop
 * reads badly; a white margin around a grey ground is taken for a glyph the size of the run).
 *
 * @param grey   the prepared pixels, one byte each
 * @param width  of the prepared image
 * @param height of the prepared image
 * @param scale  how much the run was enlarged
 * @param origin where the prepared image's pixel (margin, margin) is on the screen
 * @param oneLine whether its ink is one band of rows: one line of text, which Tesseract reads
 *                faster told so; lines too close to be found apart have a blank row between
 */
record LineImage(byte[] grey, int width, int height, int scale, Region origin, boolean oneLine) {

    /** Pixels of screen around the run, so glyph edges are not cut. */
    static final int CONTEXT = 2;
    /** Ground added around the enlarged run. */
    static final int MARGIN = 5;
    /**
     * The run height the enlargement aims at (runs are enlarged by whole factors). Tesseract
     * scales each line to its models' 36 rows whatever it is given, and the padding it adds is a
     * smaller share of a taller line, which then spans more of the 36 rows and more columns: 28
     * reads the benchmark's labels as 40 did, for a fifth less of Tesseract's time.
     */
    private static final int TARGET_HEIGHT = 28;
    private static final int MAX_SCALE = 4;
    /** How many rows or columns at each edge may be a frame's. */
    private static final int FRAME = CONTEXT + 4;
    /** How far (of 255) from the ground a pixel is ink. */
    private static final int INK_CONTRAST = 64;

    /** The screen pixels a run is read from: the run and a little around it. */
    static Region inputArea(Screenshot screen, Region run) {
        int left = Math.max(0, run.x() - CONTEXT);
        int top = Math.max(0, run.y() - CONTEXT);
        int right = Math.min(screen.width(), run.right() + CONTEXT);
        int bottom = Math.min(screen.height(), run.bottom() + CONTEXT);
        return new Region(left, top, right - left, bottom - top);
    }

    static LineImage of(Screenshot screen, Region run) {
        Region area = inputArea(screen, run);
        byte[] grey = GreyPixels.of(screen, area);
        // the ground is what most of a run's box is; text is the rest
        if (median(grey) < 128) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (byte) ~grey[i];
            }
        }
        boolean unframed = unframe(grey, area.width(), area.height());
        boolean[] inked = inkedRows(grey, area.width(), area.height());
        int first = 0;
        int last = inked.length - 1;
        while (first < last && !inked[first]) {
            first++;
        }
        while (last > first && !inked[last]) {
            last--;
        }
        boolean oneLine = true;
        for (int row = first; row <= last; row++) {
            oneLine &= inked[row];
        }
        // the text inside a frame decides the enlargement, not the frame
        int height = unframed ? last - first + 1 + 2 * (CONTEXT + 1) : area.height();
        stretch(grey);
        int ground = median(grey);
        int scale = Math.max(1, Math.min(MAX_SCALE, Math.round(TARGET_HEIGHT / (float) height)));
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(area.height(), area.width(), CV_8UC1);
            image.data().capacity(grey.length).put(grey);
            Mat large = image;
            if (scale > 1) {
                large = new Mat();
                resize(image, large, new Size(area.width() * scale, area.height() * scale), 0, 0, INTER_CUBIC);
            }
            Mat framed = new Mat();
            copyMakeBorder(large, framed, MARGIN, MARGIN, MARGIN, MARGIN, BORDER_CONSTANT, new Scalar(ground));
            byte[] out = new byte[framed.cols() * framed.rows()];
            framed.data().capacity(out.length).get(out);
            return new LineImage(out, framed.cols(), framed.rows(), scale, area, oneLine);
        }
    }

    /**
     * The screen region of the ink inside a box found in the prepared image (left, top, right,
     * bottom exclusive). Tesseract's box of a glyph it cannot match to a blob spans the line's
     * whole height, margin included; the ink inside it is where the word is.
     */
    Region toScreen(int left, int top, int right, int bottom) {
        int[] ink = inkInside(Math.max(0, left), Math.max(0, top), Math.min(width, right), Math.min(height, bottom));
        int x0 = Math.floorDiv(ink[0] - MARGIN, scale);
        int y0 = Math.floorDiv(ink[1] - MARGIN, scale);
        int x1 = -Math.floorDiv(-(ink[2] - MARGIN), scale);
        int y1 = -Math.floorDiv(-(ink[3] - MARGIN), scale);
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(origin.width(), Math.max(x0 + 1, x1));
        y1 = Math.min(origin.height(), Math.max(y0 + 1, y1));
        return new Region(origin.x() + x0, origin.y() + y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /**
     * The bounds of the pixels inside the box an eighth of the way (and 16 levels at least) from
     * the ground, the margin's level, to the darkest one; the box itself where it holds no ink.
     */
    private int[] inkInside(int left, int top, int right, int bottom) {
        int ground = grey[0] & 0xff;
        int darkest = 255;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                darkest = Math.min(darkest, grey[y * width + x] & 0xff);
            }
        }
        int[] ink = {right, bottom, left, top};
        if (ground - darkest < INK_CONTRAST) {
            return new int[] {left, top, right, bottom};
        }
        int level = ground - Math.max(16, (ground - darkest) / 8);
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                if ((grey[y * width + x] & 0xff) <= level) {
                    ink[0] = Math.min(ink[0], x);
                    ink[1] = Math.min(ink[1], y);
                    ink[2] = Math.max(ink[2], x + 1);
                    ink[3] = Math.max(ink[3], y + 1);
                }
            }
        }
        return ink;
    }

    /**
     * Paints the ground over the rows and columns at the edges that are mostly ink: a frame
     * tight around the text (a dark label's box on a light page, a window's border beside a
     * terminal's first column), which Tesseract would take for one big glyph and read nothing.
     * Whether it painted any.
     */
    private static boolean unframe(byte[] grey, int width, int height) {
        int ground = median(grey);
        boolean painted = false;
        int top = 0;
        int bottom = height - 1;
        int left = 0;
        int right = width - 1;
        for (int step = 0; step < FRAME && top < bottom && left < right; step++) {
            boolean any = false;
            if (inkShare(grey, width, ground, left, top, right, top) > 0.5) {
                paint(grey, width, ground, 0, top, width - 1, top);
                top++;
                any = true;
            }
            if (inkShare(grey, width, ground, left, bottom, right, bottom) > 0.5) {
                paint(grey, width, ground, 0, bottom, width - 1, bottom);
                bottom--;
                any = true;
            }
            if (inkShare(grey, width, ground, left, top, left, bottom) > 0.5) {
                paint(grey, width, ground, left, 0, left, height - 1);
                left++;
                any = true;
            }
            if (inkShare(grey, width, ground, right, top, right, bottom) > 0.5) {
                paint(grey, width, ground, right, 0, right, height - 1);
                right--;
                any = true;
            }
            painted |= any;
            if (!any) {
                break;
            }
        }
        return painted;
    }

    /** The share of pixels in the rectangle (inclusive) that are ink, far from the ground. */
    private static double inkShare(byte[] grey, int width, int ground, int x0, int y0, int x1, int y1) {
        int ink = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (Math.abs((grey[y * width + x] & 0xff) - ground) > INK_CONTRAST) {
                    ink++;
                }
            }
        }
        return ink / (double) ((x1 - x0 + 1) * (y1 - y0 + 1));
    }

    private static void paint(byte[] grey, int width, int ground, int x0, int y0, int x1, int y1) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                grey[y * width + x] = (byte) ground;
            }
        }
    }

    /** Which rows hold ink. */
    private static boolean[] inkedRows(byte[] grey, int width, int height) {
        int ground = median(grey);
        boolean[] inked = new boolean[height];
        for (int y = 0; y < height; y++) {
            inked[y] = inkShare(grey, width, ground, 0, y, width - 1, y) > 0;
        }
        return inked;
    }

    /**
     * Spreads a faint run's levels over the whole range: dark blue on black in a terminal is a
     * few grey levels apart, too few for Tesseract's threshold. Runs of ordinary contrast are
     * left as they are.
     */
    private static void stretch(byte[] grey) {
        int min = 255;
        int max = 0;
        for (byte b : grey) {
            min = Math.min(min, b & 0xff);
            max = Math.max(max, b & 0xff);
        }
        if (max - min >= 128 || max == min) {
            return;
        }
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) (((grey[i] & 0xff) - min) * 255 / (max - min));
        }
    }

    private static int median(byte[] grey) {
        int[] histogram = new int[256];
        for (byte b : grey) {
            histogram[b & 0xff]++;
        }
        int seen = 0;
        for (int level = 0; level < 256; level++) {
            seen += histogram[level];
            if (seen * 2 >= grey.length) {
                return level;
            }
        }
        return 255;
    }
}
