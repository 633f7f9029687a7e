package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.divide;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Structural similarity (Wang et al. 2004): an 11x11 Gaussian window with sigma 1.5 and the
 * usual constants, computed on each of the red, green and blue channels and averaged, so a
 * change of hue alone lowers it too. 1.0 means identical; unlike a pixel count it degrades
 * smoothly with blur, noise and small shifts.
 *
 * <p>A full 1080p frame takes a few hundred milliseconds; pass a region when only part matters.
 */
public final class Ssim {

    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);
    private static final Size WINDOW = new Size(11, 11);
    private static final double SIGMA = 1.5;

    private Ssim() {
    }

    /** The mean SSIM of two images of the same size, in [-1, 1]. */
    public static double compare(Screenshot expected, Screenshot actual) {
        ImageDiff.requireSameSize(expected, actual);
        return compare(expected, actual, expected.bounds());
    }

    /** The mean SSIM inside {@code region}, which must lie inside both images. */
    public static double compare(Screenshot expected, Screenshot actual, Region region) {
        ImageDiff.requireSameSize(expected, actual);
        if (!expected.bounds().contains(region)) {
            throw new InvalidInputException("region " + region + " is not inside the "
                    + expected.width() + "x" + expected.height() + " images");
        }
        try (PointerScope scope = new PointerScope()) {
            Mat x = floats(expected, region);
            Mat y = floats(actual, region);
            Mat muX = blur(x);
            Mat muY = blur(y);
            Mat muXX = multiply(muX, muX);
            Mat muYY = multiply(muY, muY);
            Mat muXY = multiply(muX, muY);
            Mat sigmaXX = subtract(blur(multiply(x, x)), muXX);
            Mat sigmaYY = subtract(blur(multiply(y, y)), muYY);
            Mat sigmaXY = subtract(blur(multiply(x, y)), muXY);

            Mat numerator = multiply(affine(muXY, 2, C1), affine(sigmaXY, 2, C2));
            Mat denominator = multiply(affine(add(muXX, muYY), 1, C1), affine(add(sigmaXX, sigmaYY), 1, C2));
            Mat map = new Mat();
            divide(numerator, denominator, map);
            Scalar perChannel = mean(map);
            return (perChannel.get(0) + perChannel.get(1) + perChannel.get(2)) / 3;
        }
    }

    private static Mat floats(Screenshot image, Region region) {
        Mat floats = new Mat();
        NativeImages.bgr(NativeImages.bgra(image, region)).convertTo(floats, CV_32F);
        return floats;
    }

    private static Mat blur(Mat image) {
        Mat blurred = new Mat();
        GaussianBlur(image, blurred, WINDOW, SIGMA);
        return blurred;
    }

    private static Mat multiply(Mat a, Mat b) {
        Mat product = new Mat();
        org.bytedeco.opencv.global.opencv_core.multiply(a, b, product);
        return product;
    }

    private static Mat subtract(Mat a, Mat b) {
        Mat difference = new Mat();
        org.bytedeco.opencv.global.opencv_core.subtract(a, b, difference);
        return difference;
    }

    private static Mat add(Mat a, Mat b) {
        Mat sum = new Mat();
        org.bytedeco.opencv.global.opencv_core.add(a, b, sum);
        return sum;
    }

    /** {@code scale * m + offset}. */
    private static Mat affine(Mat m, double scale, double offset) {
        Mat out = new Mat();
        m.convertTo(out, -1, scale, offset);
        return out;
    }
}
