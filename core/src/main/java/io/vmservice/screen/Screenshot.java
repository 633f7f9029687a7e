package io.vmservice.screen;

import io.vmservice.exception.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * An immutable picture of the screen as packed {@code 0xAARRGGBB} pixels, row by row.
 *
 * <p>Providers fill it straight from the display's framebuffer; PNG encoding happens only when
 * {@link #toPng()} is asked for, because most screenshots are only ever compared in memory.
 * Every PNG read or written goes through {@link #fromPng} and {@link #toPng}.
 */
public final class Screenshot {

    private final int width;
    private final int height;
    private final int[] argb;

    private Screenshot(int width, int height, int[] argb) {
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    /** Wraps pixels that the caller hands over and no longer touches. */
    public static Screenshot ofPixels(int width, int height, int[] argb) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("a screenshot needs a positive size, got " + width + "x" + height);
        }
        if (argb.length != width * height) {
            throw new InvalidInputException("a " + width + "x" + height + " screenshot needs "
                    + (width * height) + " pixels, got " + argb.length);
        }
        return new Screenshot(width, height, argb);
    }

    public static Screenshot of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return new Screenshot(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }

    /**
     * The most pixels a decoded image may have: 8K UHD (7680x4320) fits. A file claiming more is
     * refused before any of it is inflated, so a small "decompression bomb" costs no memory.
     */
    public static final int MAX_PIXELS = 1 << 25;

    /** The largest image file {@link #read(Path)} loads. */
    public static final long MAX_FILE_BYTES = 512L << 20;

    /**
     * Decodes a PNG to the pixels pngjs 7 (and so pixelmatch) gives for it, whatever its colour
     * type, bit depth, interlacing or colour chunks; see {@code PngDecoder}. Other formats the
     * JDK reads (JPEG, GIF, BMP) are decoded by ImageIO as before. A corrupt, truncated or
     * unreadable image, or one of more than {@link #MAX_PIXELS}, is an {@link InvalidInputException}.
     */
    public static Screenshot fromPng(byte[] encoded) {
        return PngFile.hasSignature(encoded) ? PngDecoder.decode(encoded) : OtherImageDecoder.decode(encoded);
    }

    public static Screenshot read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException("image " + file + " has " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " an image file may have; crop or scale it first");
            }
            return fromPng(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Region bounds() {
        return new Region(0, 0, width, height);
    }

    /** The pixel at (x, y) as {@code 0xAARRGGBB}. */
    public int argb(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new InvalidInputException("pixel (" + x + ", " + y + ") is outside the "
                    + width + "x" + height + " screenshot");
        }
        return argb[y * width + x];
    }

    /** A read-only view of all pixels, row by row, without copying. */
    public IntBuffer pixels() {
        return IntBuffer.wrap(argb).asReadOnlyBuffer();
    }

    public Screenshot crop(Region region) {
        if (!bounds().contains(region)) {
            throw new InvalidInputException("region " + region + " is not inside the "
                    + width + "x" + height + " screenshot");
        }
        int[] out = new int[region.width() * region.height()];
        for (int row = 0; row < region.height(); row++) {
            System.arraycopy(argb, (region.y() + row) * width + region.x(),
                    out, row * region.width(), region.width());
        }
        return new Screenshot(region.width(), region.height(), out);
    }

    /** True when both have the same size and the same pixels inside the region. */
    public boolean samePixels(Screenshot other, Region region) {
        if (other.width != width || other.height != height) {
            return false;
        }
        Region r = region.intersection(bounds());
        if (r == null) {
            return true;
        }
        for (int row = r.y(); row < r.bottom(); row++) {
            int from = row * width + r.x();
            if (!Arrays.equals(argb, from, from + r.width(), other.argb, from, from + r.width())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest region inside {@code within} that holds every pixel differing from
     * {@code earlier}; empty when none differs there.
     *
     * @throws IllegalArgumentException when the two screenshots differ in size
     */
    public Optional<Region> changedSince(Screenshot earlier, Region within) {
        if (earlier.width != width || earlier.height != height) {
            throw new IllegalArgumentException("cannot compare a " + width + "x" + height + " screenshot with a "
                    + earlier.width + "x" + earlier.height + " one");
        }
        Region r = within.intersection(bounds());
        int top = -1;
        int bottom = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int row = r == null ? 0 : r.y(); r != null && row < r.bottom(); row++) {
            int from = row * width + r.x();
            int to = from + r.width();
            int first = Arrays.mismatch(argb, from, to, earlier.argb, from, to);
            if (first < 0) {
                continue;
            }
            top = top < 0 ? row : top;
            bottom = row;
            left = Math.min(left, r.x() + first);
            int last = to - 1;
            while (argb[last] == earlier.argb[last]) {
                last--;
            }
            right = Math.max(right, last - row * width);
        }
        return top < 0 ? Optional.empty()
                : Optional.of(new Region(left, top, right - left + 1, bottom - top + 1));
    }

    public boolean samePixels(Screenshot other) {
        return other.width == width && other.height == height && Arrays.equals(argb, other.argb);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /**
     * An 8-bit RGB PNG when every pixel is opaque, RGBA otherwise, without colour chunks:
     * {@link #fromPng} (or pngjs) reads back exactly these pixels.
     */
    public byte[] toPng() {
        return PngEncoder.encode(width, height, argb);
    }

    public Path savePng(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, toPng());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "Screenshot " + width + "x" + height;
    }
}
