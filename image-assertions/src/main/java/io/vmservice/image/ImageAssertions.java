package io.vmservice.image;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.screen.Screenshot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The entry point of the image assertions: {@code import static io.vmservice.image.ImageAssertions.assertThat;}.
 * No overload has the signature of one of AssertJ's {@code Assertions.assertThat}, so a test can
 * import both statically; a PNG file is {@link #assertThatImage(Path)}, since
 * {@code assertThat(Path)} is AssertJ's.
 */
@CheckReturnValue
public final class ImageAssertions {

    private ImageAssertions() {
    }

    public static ImageAssert assertThat(Screenshot actual) {
        return new ImageAssert(actual);
    }

    public static ImageAssert assertThat(BufferedImage actual) {
        return new ImageAssert(actual == null ? null : Screenshot.of(actual));
    }

    /** Assertions on what a live desktop shows; see {@link DesktopAssert#eventually()}. */
    public static DesktopAssert assertThat(io.vmservice.desktop.Desktop actual) {
        return new DesktopAssert(actual);
    }

    /**
     * Assertions on what one window shows now (its content, without the window manager's frame),
     * e.g. {@code assertThat(window).matchesBaseline("calculator/window")}.
     */
    public static ImageAssert assertThat(io.vmservice.desktop.Window actual) {
        return new ImageAssert(actual == null ? null : actual.screenshot());
    }

    /**
     * Reads the PNG at {@code actual} first. Named apart from AssertJ's {@code assertThat(Path)},
     * so that a test can import both statically.
     */
    public static ImageAssert assertThatImage(Path actual) {
        return new ImageAssert(actual == null ? null : Screenshot.read(actual));
    }
}
