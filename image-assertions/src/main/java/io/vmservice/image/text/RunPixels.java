package io.vmservice.image.text;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.Arrays;

/** The exact pixels Tesseract is given for one run of text: the key of what it read there. */
final class RunPixels {

    private final int width;
    private final int height;
    private final int[] argb;
    private final int hash;

    private RunPixels(int width, int height, int[] argb) {
        this.width = width;
        this.height = height;
        this.argb = argb;
        this.hash = 31 * (31 * width + height) + Arrays.hashCode(argb);
    }

    static RunPixels of(Screenshot screen, Region area) {
        int[] pixels = new int[area.width() * area.height()];
        screen.crop(area).pixels().get(pixels);
        return new RunPixels(area.width(), area.height(), pixels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunPixels other && other.hash == hash && other.width == width && other.height == height
                && Arrays.equals(other.argb, argb);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
