package io.vmservice.image.text;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.vmservice.desktop.Region;
import io.vmservice.desktop.Screenshot;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One run of text prepared for Tesseract: grey, dark text on a light ground, enlarged so its
 * height is what the LSTM models read best, with a white margin (a tight crop reads badly).
 *
 * @param grey   the prepared pixels, one byte each
 * @param width  of the prepared image
 * @param height of the prepared image
 * @param scale  how much the run was enlarged
 * @param origin where the prepared image's pixel (margin, margin) is on the screen
 */
record LineImage(byte[] grey, int width, int height, int scale, Region origin) {

    /** Pixels of screen around the run, so glyph edges are not cut. */
    static final int CONTEXT = 2;
    /** White added around the enlarged run. */
    static final int MARGIN = 10;
    /** The run height Tesseract's LSTM models read best, roughly. */
    private static final int TARGET_HEIGHT = 40;
    private static final int MAX_SCALE = 4;

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
        int scale = Math.max(1, Math.min(MAX_SCALE, Math.round(TARGET_HEIGHT / (float) area.height())));
        // the ground is what most of a run's box is; text is the rest
        boolean lightText = median(grey) < 128;
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(area.height(), area.width(), CV_8UC1);
            image.data().capacity(grey.length).put(grey);
            if (lightText) {
                bitwise_not(image, image);
            }
            Mat large = image;
            if (scale > 1) {
                large = new Mat();
                resize(image, large, new Size(area.width() * scale, area.height() * scale), 0, 0, INTER_CUBIC);
            }
            Mat framed = new Mat();
            copyMakeBorder(large, framed, MARGIN, MARGIN, MARGIN, MARGIN, BORDER_CONSTANT, new Scalar(255.0));
            byte[] out = new byte[framed.cols() * framed.rows()];
            framed.data().capacity(out.length).get(out);
            return new LineImage(out, framed.cols(), framed.rows(), scale, area);
        }
    }

    /** The screen region of a box found in the prepared image (left, top, right, bottom exclusive). */
    Region toScreen(int left, int top, int right, int bottom) {
        int x0 = Math.floorDiv(left - MARGIN, scale);
        int y0 = Math.floorDiv(top - MARGIN, scale);
        int x1 = -Math.floorDiv(-(right - MARGIN), scale);
        int y1 = -Math.floorDiv(-(bottom - MARGIN), scale);
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(origin.width(), Math.max(x0 + 1, x1));
        y1 = Math.min(origin.height(), Math.max(y0 + 1, y1));
        return new Region(origin.x() + x0, origin.y() + y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
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
