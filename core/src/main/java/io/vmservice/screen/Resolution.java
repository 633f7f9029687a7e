package io.vmservice.screen;

import io.vmservice.exception.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A screen size in pixels. */
public record Resolution(int width, int height) {

    private static final Pattern WXH = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    public static final Resolution DEFAULT = new Resolution(1024, 768);

    public Resolution {
        if (width < 64 || height < 64 || width > 7680 || height > 4320) {
            throw new InvalidInputException("resolution " + width + "x" + height
                    + " is out of range: width and height must be between 64x64 and 7680x4320");
        }
    }

    /** Parses {@code "1280x800"}. */
    public static Resolution parse(String text) {
        Matcher m = WXH.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new InvalidInputException("resolution \"" + text + "\" is not WIDTHxHEIGHT, e.g. 1024x768");
        }
        return new Resolution(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
