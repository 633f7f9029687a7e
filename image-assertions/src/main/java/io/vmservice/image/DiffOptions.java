package io.vmservice.image;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How {@link ImageDiff} compares two images. The per-pixel options and their defaults are those
 * of pixelmatch 7.2; the budget ({@code maxDiffPixels}, {@code maxDiffPixelRatio}) and the
 * ignore regions are this library's additions.
 *
 * <pre>{@code
 * DiffOptions options = DiffOptions.builder().threshold(0.05).maxDiffPixels(20).build();
 * }</pre>
 */
public final class DiffOptions {

    private static final DiffOptions DEFAULTS = builder().build();

    private final double threshold;
    private final boolean includeAntiAliasing;
    private final double alpha;
    private final int antiAliasingColor;
    private final int diffColor;
    private final int diffColorAlt;
    private final boolean diffMask;
    private final boolean checkerboard;
    private final OptionalLong maxDiffPixels;
    private final OptionalDouble maxDiffPixelRatio;
    private final List<Region> ignoredRegions;
    private final boolean drawDiffImage;

    private DiffOptions(Builder b) {
        threshold = b.threshold;
        includeAntiAliasing = b.includeAntiAliasing;
        alpha = b.alpha;
        antiAliasingColor = b.antiAliasingColor;
        diffColor = b.diffColor;
        diffColorAlt = b.diffColorAlt == null ? b.diffColor : b.diffColorAlt;
        diffMask = b.diffMask;
        checkerboard = b.checkerboard;
        maxDiffPixels = b.maxDiffPixels;
        maxDiffPixelRatio = b.maxDiffPixelRatio;
        ignoredRegions = List.copyOf(b.ignoredRegions);
        drawDiffImage = b.drawDiffImage;
    }

    /** threshold 0.1, anti-aliasing not counted, no pixel allowed to differ. */
    public static DiffOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.threshold = threshold;
        b.includeAntiAliasing = includeAntiAliasing;
        b.alpha = alpha;
        b.antiAliasingColor = antiAliasingColor;
        b.diffColor = diffColor;
        b.diffColorAlt = diffColorAlt;
        b.diffMask = diffMask;
        b.checkerboard = checkerboard;
        b.maxDiffPixels = maxDiffPixels;
        b.maxDiffPixelRatio = maxDiffPixelRatio;
        b.ignoredRegions.addAll(ignoredRegions);
        b.drawDiffImage = drawDiffImage;
        return b;
    }

    /** 0..1, the YIQ distance (relative to the largest possible) a pixel may move and still match. */
    public double threshold() {
        return threshold;
    }

    /** True to count anti-aliased pixels as differences instead of forgiving them. */
    public boolean includeAntiAliasing() {
        return includeAntiAliasing;
    }

    /** Opacity of the expected image faded into the diff image's background. */
    public double alpha() {
        return alpha;
    }

    /** 0xRRGGBB of forgiven anti-aliased pixels in the diff image. */
    public int antiAliasingColor() {
        return antiAliasingColor;
    }

    /** 0xRRGGBB of differing pixels that got lighter (or changed hue) in the actual image. */
    public int diffColor() {
        return diffColor;
    }

    /** 0xRRGGBB of differing pixels that got darker in the actual image. */
    public int diffColorAlt() {
        return diffColorAlt;
    }

    /** True to draw only the differences, on a transparent background. */
    public boolean diffMask() {
        return diffMask;
    }

    /** True to blend semi-transparent pixels onto a checkerboard, false onto white. */
    public boolean checkerboard() {
        return checkerboard;
    }

    public OptionalLong maxDiffPixels() {
        return maxDiffPixels;
    }

    public OptionalDouble maxDiffPixelRatio() {
        return maxDiffPixelRatio;
    }

    /** Areas left out of the comparison; the images themselves are not changed. */
    public List<Region> ignoredRegions() {
        return ignoredRegions;
    }

    public boolean drawDiffImage() {
        return drawDiffImage;
    }

    /**
     * How many differing pixels out of {@code total} still pass: the smaller of both budgets
     * when both are set, none when neither is.
     */
    public long allowedDiffPixels(long total) {
        long allowed = Long.MAX_VALUE;
        if (maxDiffPixels.isPresent()) {
            allowed = maxDiffPixels.getAsLong();
        }
        if (maxDiffPixelRatio.isPresent()) {
            allowed = Math.min(allowed, (long) Math.floor(maxDiffPixelRatio.getAsDouble() * total));
        }
        return allowed == Long.MAX_VALUE ? 0 : allowed;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "threshold %.3f", threshold));
        if (includeAntiAliasing) {
            text.append(", anti-aliasing counted");
        }
        maxDiffPixels.ifPresent(max -> text.append(", maxDiffPixels ").append(max));
        maxDiffPixelRatio.ifPresent(max -> text.append(String.format(Locale.ROOT, ", maxDiffPixelRatio %.4f", max)));
        if (!ignoredRegions.isEmpty()) {
            text.append(", ignoring ").append(ignoredRegions);
        }
        return text.toString();
    }

    /** Collects options; {@link #build()} checks every range. */
    public static final class Builder {

        private double threshold = 0.1;
        private boolean includeAntiAliasing;
        private double alpha = 0.1;
        private int antiAliasingColor = 0xFFFF00;
        private int diffColor = 0xFF0000;
        private Integer diffColorAlt;
        private boolean diffMask;
        private boolean checkerboard = true;
        private OptionalLong maxDiffPixels = OptionalLong.empty();
        private OptionalDouble maxDiffPixelRatio = OptionalDouble.empty();
        private final List<Region> ignoredRegions = new ArrayList<>();
        private boolean drawDiffImage = true;

        private Builder() {
        }

        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder includeAntiAliasing(boolean include) {
            this.includeAntiAliasing = include;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder antiAliasingColor(int r, int g, int b) {
            this.antiAliasingColor = rgb("antiAliasingColor", r, g, b);
            return this;
        }

        public Builder diffColor(int r, int g, int b) {
            this.diffColor = rgb("diffColor", r, g, b);
            return this;
        }

        public Builder diffColorAlt(int r, int g, int b) {
            this.diffColorAlt = rgb("diffColorAlt", r, g, b);
            return this;
        }

        public Builder diffMask(boolean diffMask) {
            this.diffMask = diffMask;
            return this;
        }

        public Builder checkerboard(boolean checkerboard) {
            this.checkerboard = checkerboard;
            return this;
        }

        public Builder maxDiffPixels(long max) {
            this.maxDiffPixels = OptionalLong.of(max);
            return this;
        }

        public Builder maxDiffPixelRatio(double max) {
            this.maxDiffPixelRatio = OptionalDouble.of(max);
            return this;
        }

        public Builder ignore(Region... regions) {
            this.ignoredRegions.addAll(List.of(regions));
            return this;
        }

        public Builder ignore(List<Region> regions) {
            this.ignoredRegions.addAll(regions);
            return this;
        }

        /** False when only the counts are needed, which saves a pass over the image. */
        public Builder drawDiffImage(boolean draw) {
            this.drawDiffImage = draw;
            return this;
        }

        public DiffOptions build() {
            requireFraction("threshold", threshold);
            requireFraction("alpha", alpha);
            if (maxDiffPixels.isPresent() && maxDiffPixels.getAsLong() < 0) {
                throw new InvalidInputException("maxDiffPixels must be 0 or more, got " + maxDiffPixels.getAsLong());
            }
            if (maxDiffPixelRatio.isPresent()) {
                requireFraction("maxDiffPixelRatio", maxDiffPixelRatio.getAsDouble());
            }
            return new DiffOptions(this);
        }

        private static void requireFraction(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidInputException(name + " must be between 0 and 1, got " + value);
            }
        }

        private static int rgb(String name, int r, int g, int b) {
            for (int channel : new int[] {r, g, b}) {
                if (channel < 0 || channel > 255) {
                    throw new InvalidInputException(name + " channels must be 0..255, got ("
                            + r + ", " + g + ", " + b + ")");
                }
            }
            return (r << 16) | (g << 8) | b;
        }
    }
}
