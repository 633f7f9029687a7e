package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import io.vmservice.doctor.Check;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Whether the native libraries this module runs on load and work on this machine. */
public final class NativeLibraries {

    static final String SUBJECT = "OpenCV natives";

    private NativeLibraries() {
    }

    /** Loads OpenCV and converts a small image with it, as every find and SSIM does. */
    public static Check opencv() {
        String platform = Loader.getPlatform();
        try (PointerScope scope = new PointerScope()) {
            Loader.load(opencv_imgproc.class);
            Mat grey = NativeImages.grey(new Mat(2, 2, CV_8UC4, new Scalar(10, 20, 30, 255)));
            if (grey.channels() != 1 || grey.rows() != 2) {
                return Check.fail(SUBJECT, "OpenCV loaded but converted a 2x2 image into " + grey.rows() + " rows of "
                        + grey.channels() + " channels", reinstall(platform));
            }
            return Check.pass(SUBJECT, "OpenCV " + opencv_core.CV_VERSION() + " for " + platform);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return Check.fail(SUBJECT, "OpenCV does not load for " + platform + ": " + e, reinstall(platform));
        }
    }

    private static String reinstall(String platform) {
        return "put org.bytedeco:opencv, openblas and javacpp with classifier " + platform + " on the class path"
                + " (vmservice-image brings the linux-x86_64 ones), and let JavaCPP write its cache"
                + " (~/.javacpp, or -Dorg.bytedeco.javacpp.cachedir=DIR)";
    }
}
