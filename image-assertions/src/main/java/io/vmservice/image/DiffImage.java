package io.vmservice.image;

import io.vmservice.screen.Screenshot;
import java.nio.IntBuffer;

/** Drawing helpers for diff images. */
final class DiffImage {

    private DiffImage() {
    }

    static int grey(int level) {
        return 0xFF000000 | (level << 16) | (level << 8) | level;
    }

    /** The diff image of two identical images: the expected image faded, or empty for a mask. */
    static Screenshot faded(IntBuffer pixels, int width, int height, DiffOptions options) {
        int[] out = new int[width * height];
        if (!options.diffMask()) {
            int lastPixel = 0;
            int lastGrey = grey(YiqColorDelta.fadedGrey(0, options.alpha()));
            for (int i = 0; i < out.length; i++) {
                int pixel = pixels.get(i);
                if (pixel != lastPixel) {
                    lastPixel = pixel;
                    lastGrey = grey(YiqColorDelta.fadedGrey(pixel, options.alpha()));
                }
                out[i] = lastGrey;
            }
        }
        return Screenshot.ofPixels(width, height, out);
    }
}
