package io.vmservice.image.text;

import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds a {@link Text} in what was read: every run of whole words on one line whose normalised
 * text is within the allowed edit distance of the wanted one (or matches its pattern). A
 * match's box is the union of its words' boxes; its score is 1 minus the edits per character.
 */
final class TextMatcher {

    private TextMatcher() {
    }

    static SearchResult search(ScreenText read, Text text) {
        List<Match> candidates = new ArrayList<>();
        Match nearest = null;
        for (TextLine line : read.lines()) {
            List<Word> words = line.words().stream()
                    .filter(w -> w.confidence() >= text.minConfidence())
                    .filter(w -> text.region().map(r -> r.contains(w.box().center())).orElse(true))
                    .toList();
            for (int from = 0; from < words.size(); from++) {
                for (int to = from + 1; to <= words.size() && to - from <= text.maxWords(); to++) {
                    String said = words.subList(from, to).stream().map(Word::text).collect(Collectors.joining(" "));
                    double score = text.score(said);
                    Match m = new Match(ScreenText.union(words, from, to), score, said);
                    if (nearest == null || score > nearest.score()) {
                        nearest = m;
                    }
                    if (score >= text.threshold()) {
                        candidates.add(m);
                    }
                }
            }
        }
        return new SearchResult(withoutOverlaps(candidates), Optional.ofNullable(nearest), text.threshold());
    }

    /** Best first; a candidate overlapping a better one is the same words read another way. */
    private static List<Match> withoutOverlaps(List<Match> candidates) {
        candidates.sort(Comparator.comparingDouble(Match::score).reversed()
                .thenComparingLong(m -> m.region().area()));
        List<Match> kept = new ArrayList<>();
        for (Match c : candidates) {
            boolean overlaps = false;
            for (Match k : kept) {
                Region i = k.region().intersection(c.region());
                if (i != null && i.area() * 2 > Math.min(k.region().area(), c.region().area())) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        return kept;
    }
}
