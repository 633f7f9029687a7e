package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;
import static org.bytedeco.opencv.global.opencv_core.patchNaNs;
import static org.bytedeco.opencv.global.opencv_core.sqrt;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TOZERO;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TOZERO_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TRUNC;
import static org.bytedeco.opencv.global.opencv_imgproc.TM_CCOEFF_NORMED;
import static org.bytedeco.opencv.global.opencv_imgproc.TM_SQDIFF;
import static org.bytedeco.opencv.global.opencv_imgproc.matchTemplate;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Scores every placement of a template on an image, higher is better, always finite, and picks
 * the peaks out of the map.
 */
final class ScoreMap {

    /** A value below every score, written over peaks already taken. */
    private static final double TAKEN = -2;

    private ScoreMap() {
    }

    /** A placement in map coordinates. */
    record Peak(int x, int y, double score) {
    }

    /**
     * Correlation scores in [-1, 1], or for colour distance 1 - RMS/255 in [0, 1].
     *
     * @param comparedValues compared pixels times channels, for colour distance
     */
    static Mat scores(Mat image, Mat template, Mat mask, boolean colourDistance, long comparedValues) {
        Mat map = new Mat();
        int method = colourDistance ? TM_SQDIFF : TM_CCOEFF_NORMED;
        if (mask == null) {
            matchTemplate(image, template, map, method);
        } else {
            matchTemplate(image, template, map, method, mask);
        }
        if (colourDistance) {
            // sums of squares come out of a correlation and can dip just below zero
            threshold(map, map, 0, 0, THRESH_TOZERO);
            sqrt(map, map);
            map.convertTo(map, -1, -1.0 / (255.0 * Math.sqrt(comparedValues)), 1.0);
            return map;
        }
        // masked correlation is NaN or infinite where the masked window is constant: no match there
        patchNaNs(map, -1);
        threshold(map, map, 1.5, 0, THRESH_TOZERO_INV);
        // OpenCV saturates near-perfect scores slightly above 1
        threshold(map, map, 1, 1, THRESH_TRUNC);
        return max(map, -1.0).asMat();
    }

    /** The best place in the map. */
    static Peak best(Mat map) {
        DoublePointer minValue = new DoublePointer(1);
        DoublePointer maxValue = new DoublePointer(1);
        Point minAt = new Point();
        Point maxAt = new Point();
        minMaxLoc(map, minValue, maxValue, minAt, maxAt, null);
        return new Peak(maxAt.x(), maxAt.y(), maxValue.get());
    }

    /**
     * Peaks, best first, each blanking out a window of {@code suppressWidth} x
     * {@code suppressHeight} around itself: at least {@code atLeast} of them whatever their score,
     * then those reaching {@code minScore}, at most {@code limit}. Changes the map.
     */
    static List<Peak> peaks(Mat map, double minScore, int atLeast, int limit, int suppressWidth, int suppressHeight) {
        List<Peak> peaks = new ArrayList<>();
        DoublePointer minValue = new DoublePointer(1);
        DoublePointer maxValue = new DoublePointer(1);
        Point minAt = new Point();
        Point maxAt = new Point();
        Scalar taken = new Scalar(TAKEN);
        while (peaks.size() < limit) {
            minMaxLoc(map, minValue, maxValue, minAt, maxAt, null);
            double score = maxValue.get();
            if (score <= TAKEN || (peaks.size() >= atLeast && score < minScore)) {
                break;
            }
            peaks.add(new Peak(maxAt.x(), maxAt.y(), score));
            int x0 = Math.max(0, maxAt.x() - suppressWidth);
            int y0 = Math.max(0, maxAt.y() - suppressHeight);
            int x1 = Math.min(map.cols(), maxAt.x() + suppressWidth + 1);
            int y1 = Math.min(map.rows(), maxAt.y() + suppressHeight + 1);
            map.apply(new Rect(x0, y0, x1 - x0, y1 - y0)).put(taken);
        }
        return peaks;
    }
}
