package io.vmservice.desktop;

/** Where a {@link Target} was found and how well it matched (1.0 is a perfect match). */
public record Match(Region region, double score) {

    public Match {
        if (region == null) {
            throw new IllegalArgumentException("a match needs a region");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("a match score must be finite, got " + score);
        }
    }

    public Point center() {
        return region.center();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s (score %.3f)", region, score);
    }
}
