package io.vmservice.image.text;

import io.vmservice.screen.Region;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything read on a screen (or a region of it): its lines, top to bottom, each with words
 * left to right, boxes in screen pixels.
 */
public record ScreenText(List<TextLine> lines) {

    public ScreenText {
        lines = List.copyOf(lines);
    }

    public List<Word> words() {
        return lines.stream().flatMap(l -> l.words().stream()).toList();
    }

    /** The lines' texts, one per line. */
    public String text() {
        return lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * Groups words into lines: words whose vertical middles lie within each other's height and
     * whose horizontal gap is under twice the text's height read as one line, as a person would.
     */
    static ScreenText of(List<Word> words) {
        List<Word> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt((Word w) -> w.box().x()));
        List<List<Word>> rows = new ArrayList<>();
        for (Word word : sorted) {
            List<Word> row = rows.stream().filter(r -> continues(r.get(r.size() - 1), word)).findFirst().orElse(null);
            if (row == null) {
                row = new ArrayList<>();
                rows.add(row);
            }
            row.add(word);
        }
        List<TextLine> lines = rows.stream().map(TextLine::new)
                .sorted(Comparator.comparingInt((TextLine l) -> l.box().y()).thenComparingInt(l -> l.box().x()))
                .toList();
        return new ScreenText(lines);
    }

    private static boolean continues(Word left, Word right) {
        Region a = left.box();
        Region b = right.box();
        int height = Math.max(a.height(), b.height());
        int middleA = a.y() + a.height() / 2;
        int middleB = b.y() + b.height() / 2;
        boolean sameRow = Math.abs(middleA - middleB) * 2 <= Math.min(a.height(), b.height())
                && Math.min(a.height(), b.height()) * 2 >= height;
        int gap = b.x() - a.right();
        return sameRow && gap >= -2 && gap <= 2 * height;
    }

    static Region union(List<Word> words, int from, int to) {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (int i = from; i < to; i++) {
            Region r = words.get(i).box();
            left = Math.min(left, r.x());
            top = Math.min(top, r.y());
            right = Math.max(right, r.right());
            bottom = Math.max(bottom, r.bottom());
        }
        return new Region(left, top, right - left, bottom - top);
    }
}
