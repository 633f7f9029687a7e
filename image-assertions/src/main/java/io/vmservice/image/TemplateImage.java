package io.vmservice.image;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.vmservice.screen.Screenshot;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A template at one scale, ready to match: its pixels, its mask and whether it is flat. Plain
 * Java data, so a template holds no native memory between searches.
 *
 * @param pixels the template's pixels at this scale
 * @param mask   0 for ignored pixels and 255 for compared ones, or null to compare all
 * @param flat   true when the compared pixels hardly vary, where correlation is meaningless
 * @param spread the largest standard deviation of a compared channel, 0..255
 */
record TemplateImage(double scale, Screenshot pixels, byte[] mask, int maskedPixels, boolean flat, double spread) {

    /** Below this standard deviation (out of 255) a template counts as flat. */
    static final double FLAT_SPREAD = 2.0;

    int width() {
        return pixels.width();
    }

    int height() {
        return pixels.height();
    }

    /** Scales {@code source}; pixels with alpha below 128 (or black in {@code explicitMask}) are masked out. */
    static TemplateImage prepare(Screenshot source, Screenshot explicitMask, double scale, boolean grayscale) {
        Screenshot scaled = scale == 1.0 ? source : scaled(source, scale);
        Screenshot maskSource = explicitMask == null || scale == 1.0 ? explicitMask : scaled(explicitMask, scale);
        byte[] mask = maskSource != null ? maskFromBrightness(maskSource) : maskFromAlpha(scaled);
        int compared = mask == null ? scaled.width() * scaled.height() : count(mask);
        double spread = compared == 0 ? 0 : spread(scaled, mask, grayscale);
        return new TemplateImage(scale, scaled, mask, compared, spread < FLAT_SPREAD, spread);
    }

    private static Screenshot scaled(Screenshot image, double scale) {
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        try (PointerScope scope = new PointerScope()) {
            Mat resized = new Mat();
            resize(NativeImages.bgra(image), resized, new Size(w, h), 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            return NativeImages.screenshot(resized);
        }
    }

    private static byte[] maskFromAlpha(Screenshot image) {
        int n = image.width() * image.height();
        byte[] mask = new byte[n];
        IntBuffer pixels = image.pixels();
        boolean anyTransparent = false;
        for (int i = 0; i < n; i++) {
            int alpha = pixels.get(i) >>> 24;
            mask[i] = alpha >= 128 ? (byte) 255 : 0;
            anyTransparent |= alpha < 255;
        }
        return anyTransparent ? mask : null;
    }

    private static byte[] maskFromBrightness(Screenshot maskImage) {
        int n = maskImage.width() * maskImage.height();
        byte[] mask = new byte[n];
        IntBuffer pixels = maskImage.pixels();
        for (int i = 0; i < n; i++) {
            mask[i] = (pixels.get(i) & 0xFFFFFF) != 0 ? (byte) 255 : 0;
        }
        return mask;
    }

    private static int count(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }

    private static double spread(Screenshot image, byte[] mask, boolean grayscale) {
        try (PointerScope scope = new PointerScope()) {
            Mat bgra = NativeImages.bgra(image);
            Mat channels = grayscale ? NativeImages.grey(bgra) : NativeImages.bgr(bgra);
            Mat mean = new Mat();
            Mat deviation = new Mat();
            if (mask == null) {
                meanStdDev(channels, mean, deviation);
            } else {
                meanStdDev(channels, mean, deviation, NativeImages.bytes(mask, image.width(), image.height()));
            }
            double max = 0;
            try (DoubleIndexer values = deviation.createIndexer()) {
                for (int c = 0; c < deviation.rows(); c++) {
                    max = Math.max(max, values.get(c, 0));
                }
            }
            return max;
        }
    }
}
