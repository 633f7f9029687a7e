package io.vmservice.sandbox;

import io.vmservice.exception.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to share a sandbox's screen live (noVNC in a browser). {@link Builder#build()} checks the
 * fields and names the one out of range.
 */
public record StreamConfig(String windowId, boolean requireAuth, Quality quality, int frameRate) {

    private static final Pattern WINDOW_ID = Pattern.compile("\\d+");

    /** Picture quality, as the seed names it; it picks the VNC server's compression. */
    public enum Quality {
        LOW, MEDIUM, HIGH;

        public static Quality parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInputException("quality \"" + text + "\" is not one of low, medium, high");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The whole desktop, with a password, medium quality, 30 frames per second. */
    public static StreamConfig defaults() {
        return builder().build();
    }

    /** Collects the fields; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private String windowId;
        private boolean requireAuth = true;
        private Quality quality = Quality.MEDIUM;
        private int frameRate = 30;

        private Builder() {
        }

        /** Streams one window instead of the whole desktop. */
        public Builder windowId(String windowId) {
            this.windowId = windowId;
            return this;
        }

        public Builder requireAuth(boolean requireAuth) {
            this.requireAuth = requireAuth;
            return this;
        }

        public Builder quality(Quality quality) {
            this.quality = quality;
            return this;
        }

        public Builder frameRate(int frameRate) {
            this.frameRate = frameRate;
            return this;
        }

        public StreamConfig build() {
            if (windowId != null && !WINDOW_ID.matcher(windowId).matches()) {
                throw new InvalidInputException("windowId \"" + windowId + "\" must be a decimal X window id, or null for the whole desktop");
            }
            if (quality == null) {
                throw new InvalidInputException("quality must be one of low, medium, high");
            }
            if (frameRate < 1 || frameRate > 60) {
                throw new InvalidInputException("frameRate " + frameRate + " is out of range: it must be between 1 and 60");
            }
            return new StreamConfig(windowId, requireAuth, quality, frameRate);
        }
    }
}
