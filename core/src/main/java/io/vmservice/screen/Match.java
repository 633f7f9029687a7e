package io.vmservice.screen;

/**
 * Where a target (a picture, a text, an accessible element) was found and how well it matched
 * (1.0 is a perfect match).
 *
 * @param label what was found there when a target reads it, e.g. the words a text target read;
 *              null for pictures
 */
public record Match(Region region, double score, String label) {

    public Match {
        if (region == null) {
            throw new IllegalArgumentException("a match needs a region");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("a match score must be finite, got " + score);
        }
    }

    public Match(Region region, double score) {
        this(region, score, null);
    }

    public Point center() {
        return region.center();
    }

    @Override
    public String toString() {
        return (label == null ? "" : "\"" + label + "\" ")
                + String.format(java.util.Locale.ROOT, "%s (score %.3f)", region, score);
    }
}
