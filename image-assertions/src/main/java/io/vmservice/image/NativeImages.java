package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies screenshots into OpenCV matrices and back. Callers own the matrices and free them with
 * a {@code PointerScope}.
 *
 * <p>A packed {@code 0xAARRGGBB} int lies in memory as B, G, R, A on little-endian machines, so
 * the pixels go into a BGRA matrix with one bulk copy and OpenCV converts from there.
 */
final class NativeImages {

    private NativeImages() {
    }

    /** The pixels of {@code area} as a 4-channel BGRA matrix. */
    static Mat bgra(Screenshot image, Region area) {
        Mat mat = new Mat(area.height(), area.width(), CV_8UC4);
        IntBuffer target = intView(mat, area.area());
        IntBuffer source = image.pixels();
        if (area.x() == 0 && area.width() == image.width()) {
            target.put(source.slice(area.y() * image.width(), (int) area.area()));
        } else {
            for (int row = area.y(); row < area.bottom(); row++) {
                target.put(source.slice(row * image.width() + area.x(), area.width()));
            }
        }
        return mat;
    }

    static Mat bgra(Screenshot image) {
        return bgra(image, image.bounds());
    }

    static Mat grey(Mat bgra) {
        Mat grey = new Mat();
        cvtColor(bgra, grey, COLOR_BGRA2GRAY);
        return grey;
    }

    static Mat bgr(Mat bgra) {
        Mat bgr = new Mat();
        cvtColor(bgra, bgr, COLOR_BGRA2BGR);
        return bgr;
    }

    /** A BGRA matrix back as a screenshot. */
    static Screenshot screenshot(Mat bgra) {
        Mat continuous = bgra.isContinuous() ? bgra : bgra.clone();
        int[] pixels = new int[continuous.rows() * continuous.cols()];
        intView(continuous, pixels.length).get(pixels);
        return Screenshot.ofPixels(continuous.cols(), continuous.rows(), pixels);
    }

    /** A single-channel matrix of the given bytes, 0 or 255 for a mask. */
    static Mat bytes(byte[] values, int width, int height) {
        Mat mat = new Mat(height, width, CV_8UC1);
        mat.data().capacity(values.length).put(values);
        return mat;
    }

    private static IntBuffer intView(Mat mat, long pixels) {
        ByteBuffer bytes = mat.data().capacity(pixels * 4).asByteBuffer();
        return bytes.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    }
}
