package io.vmservice.image;

import io.vmservice.screen.Screenshot;
import java.util.Random;

/** The 1920x1080 images every benchmark uses, the same in each run. */
final class BenchImages {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;

    private BenchImages() {
    }

    static Screenshot desktop() {
        return TestScreens.desktop(WIDTH, HEIGHT, 42);
    }

    /** The desktop with a few icons and a text-like line changed: a typical UI regression. */
    static Screenshot desktopSmallChange() {
        Screenshot changed = TemplateMatcherTest.paste(desktop(), TestScreens.icon(new Random(8), 40), 700, 300);
        changed = TemplateMatcherTest.paste(changed, TestScreens.icon(new Random(9), 24), 1200, 640);
        return TemplateMatcherTest.paste(changed, TemplateMatcherTest.blank(220, 12, java.awt.Color.DARK_GRAY), 150, 900);
    }

    /** Random opaque pixels: the worst case, where the anti-aliasing check runs on every pixel. */
    static Screenshot noise(long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[WIDTH * HEIGHT];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 0xFF000000 | random.nextInt(0x1000000);
        }
        return Screenshot.ofPixels(WIDTH, HEIGHT, pixels);
    }
}
