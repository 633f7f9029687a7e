package io.vmservice.image.text;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.IntBuffer;

/** Brightness (0..255) of a screenshot's pixels, one byte each, row by row; or their colour channels. */
final class GreyPixels {

    private GreyPixels() {
    }

    /** The brightness of {@code area}, in the BT.601 weights OpenCV's grey conversion uses. */
    static byte[] of(Screenshot screen, Region area) {
        IntBuffer pixels = screen.pixels();
        byte[] grey = new byte[area.width() * area.height()];
        int i = 0;
        for (int row = area.y(); row < area.bottom(); row++) {
            int from = row * screen.width() + area.x();
            for (int col = 0; col < area.width(); col++) {
                int argb = pixels.get(from + col);
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                grey[i++] = (byte) ((r * 4899 + g * 9617 + b * 1868 + 8192) >> 14);
            }
        }
        return grey;
    }

    /** The colour channels of {@code area}, three bytes a pixel (blue, green, red, as OpenCV orders them). */
    static byte[] channels(Screenshot screen, Region area) {
        IntBuffer pixels = screen.pixels();
        byte[] bgr = new byte[area.width() * area.height() * 3];
        int i = 0;
        for (int row = area.y(); row < area.bottom(); row++) {
            int from = row * screen.width() + area.x();
            for (int col = 0; col < area.width(); col++) {
                int argb = pixels.get(from + col);
                bgr[i++] = (byte) argb;
                bgr[i++] = (byte) (argb >> 8);
                bgr[i++] = (byte) (argb >> 16);
            }
        }
        return bgr;
    }
}
