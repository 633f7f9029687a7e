package io.vmservice.screen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What would make a target that matched several places match one: a similarity between the best
 * score and the next, or a search area around the best candidate that holds no other. Both are
 * worked out from the candidates' own scores and boxes, so the numbers given would work on that
 * screen.
 *
 * @param similarity a similarity that keeps only the best candidate, when the scores differ enough
 * @param region     a search area (in the coordinates the target is searched in) holding only the best candidate
 * @param advice     the fixes in words, for the error message
 */
public record LookAlikes(OptionalDouble similarity, Optional<Region> region, String advice) {

    // grown around the best candidate, largest first, as long as no other candidate fits inside
    private static final int[] MARGINS = {24, 16, 8, 4, 2, 0};
    // scores closer than this are treated as equal: frame-to-frame noise could swap them
    private static final double SEPARABLE = 0.004;

    /**
     * The fixes for a result with several matches; {@code origin} is subtracted from the boxes
     * (a window's corner, when the search ran inside a window).
     */
    public static LookAlikes of(SearchResult result, Point origin) {
        List<Match> matches = result.matches();
        if (matches.size() < 2) {
            throw new IllegalArgumentException("look-alikes need at least two matches, got " + matches.size());
        }
        double best = matches.get(0).score();
        double next = matches.get(1).score();
        OptionalDouble similarity = separating(best, next);
        Optional<Region> region = around(matches, origin);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%d places look alike; the best scores are %.3f and %.3f", matches.size(), best, next));
        similarity.ifPresentOrElse(
                s -> text.append(String.format(Locale.ROOT, ": .similarity(%s) keeps only the best", decimal(s))),
                () -> text.append(": no similarity tells them apart"));
        boolean onScreen = origin.x() == 0 && origin.y() == 0;
        region.ifPresent(r -> text.append(String.format(Locale.ROOT,
                "; .inRegion(new Region(%d, %d, %d, %d)) searches only around the best%s",
                r.x(), r.y(), r.width(), r.height(), onScreen ? "" : " (window coordinates)")));
        text.append(onScreen ? "; or search inside one window (desktop.window(\"title\").find(...)), or" : "; or");
        text.append(" cut a larger template that includes what tells them apart (a label, a neighbour)");
        return new LookAlikes(similarity, region, text.toString());
    }

    /** A round number above the second score and at most the best one; none when they are too close. */
    private static OptionalDouble separating(double best, double next) {
        if (best - next < SEPARABLE) {
            return OptionalDouble.empty();
        }
        double middle = (best + next) / 2;
        for (int digits = 2; digits <= 4; digits++) {
            double rounded = BigDecimal.valueOf(middle).setScale(digits, RoundingMode.HALF_UP).doubleValue();
            if (rounded > next + SEPARABLE / 4 && rounded <= best - SEPARABLE / 4) {
                return OptionalDouble.of(rounded);
            }
        }
        return OptionalDouble.empty();
    }

    private static Optional<Region> around(List<Match> matches, Point origin) {
        Region best = matches.get(0).region();
        for (int margin : MARGINS) {
            int x = Math.max(0, best.x() - margin);
            int y = Math.max(0, best.y() - margin);
            Region grown = new Region(x, y, best.right() + margin - x, best.bottom() + margin - y);
            boolean alone = matches.stream().skip(1).noneMatch(m -> grown.contains(m.region()));
            if (alone) {
                return Optional.of(new Region(grown.x() - origin.x(), grown.y() - origin.y(),
                        grown.width(), grown.height()));
            }
        }
        return Optional.empty();
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
