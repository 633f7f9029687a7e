package io.vmservice.screen;

import java.util.List;
import java.util.Optional;

/**
 * What one search for a target (a picture, a text, an accessible element) on one screenshot found.
 *
 * @param matches   the matches at or above the threshold, best first, without overlapping duplicates
 * @param best      the best candidate anywhere, even below the threshold (for failure messages)
 * @param threshold the similarity a candidate needed to count as a match
 */
public record SearchResult(List<Match> matches, Optional<Match> best, double threshold) {

    public SearchResult {
        matches = List.copyOf(matches);
    }

    public static SearchResult none(double threshold) {
        return new SearchResult(List.of(), Optional.empty(), threshold);
    }

    public boolean found() {
        return !matches.isEmpty();
    }

    public boolean unique() {
        return matches.size() == 1;
    }

    /** A one-line account for failure messages: best score, where (and what it read), and the threshold. */
    public String describe() {
        String bestText = best.map(m -> String.format(java.util.Locale.ROOT,
                "best score %.3f at %s%s", m.score(), m.region(),
                m.label() == null ? "" : " reading \"" + m.label() + "\"")).orElse("no candidate");
        return String.format(java.util.Locale.ROOT, "%d match(es) at threshold %.3f, %s",
                matches.size(), threshold, bestText);
    }
}
