package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The searched area of one screenshot in the forms a search needs, each made at most once:
 * grey or BGR, full, half or quarter size. Lives inside the caller's {@code PointerScope}.
 */
final class ScreenMats {

    private final Screenshot screen;
    private final Region area;
    private Mat bgra;
    private Mat grey;
    private Mat bgr;
    private Mat halfGrey;
    private Mat halfBgr;
    private Mat quarterGrey;
    private Mat quarterBgr;

    ScreenMats(Screenshot screen, Region area) {
        this.screen = screen;
        this.area = area;
    }

    Region area() {
        return area;
    }

    Mat full(boolean colour) {
        if (colour) {
            if (bgr == null) {
                bgr = NativeImages.bgr(bgra());
            }
            return bgr;
        }
        if (grey == null) {
            grey = NativeImages.grey(bgra());
        }
        return grey;
    }

    /**
     * A window of the full-size area. In colour it is converted on its own unless the whole
     * area already is: refining a few coarse hits needs only their surroundings.
     */
    Mat window(Rect rect, boolean colour) {
        if (colour && bgr == null) {
            return NativeImages.bgr(bgra().apply(rect));
        }
        return full(colour).apply(rect);
    }

    Mat half(boolean colour) {
        if (colour) {
            if (halfBgr == null) {
                halfBgr = halved(full(true));
            }
            return halfBgr;
        }
        if (halfGrey == null) {
            halfGrey = halved(full(false));
        }
        return halfGrey;
    }

    Mat quarter(boolean colour) {
        if (colour) {
            if (quarterBgr == null) {
                quarterBgr = halved(half(true));
            }
            return quarterBgr;
        }
        if (quarterGrey == null) {
            quarterGrey = halved(half(false));
        }
        return quarterGrey;
    }

    /** The screen shrunk by 2 or 4 for the coarse search. */
    Mat shrunk(int factor, boolean colour) {
        return factor == 4 ? quarter(colour) : half(colour);
    }

    static Mat halved(Mat image) {
        Mat half = new Mat();
        resize(image, half, new Size(Math.max(1, image.cols() / 2), Math.max(1, image.rows() / 2)), 0, 0, INTER_AREA);
        return half;
    }

    private Mat bgra() {
        if (bgra == null) {
            bgra = NativeImages.bgra(screen, area);
        }
        return bgra;
    }
}
