package io.vmservice.image.text;

import io.vmservice.screen.Region;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Words that sit side by side on one row of the screen, left to right.
 *
 * @param words at least one
 */
public record TextLine(List<Word> words) {

    public TextLine {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a text line needs at least one word");
        }
        words = List.copyOf(words);
    }

    /** The words joined by single spaces. */
    public String text() {
        return words.stream().map(Word::text).collect(Collectors.joining(" "));
    }

    /** The union of the words' boxes. */
    public Region box() {
        return ScreenText.union(words, 0, words.size());
    }

    /** The lowest confidence of its words, 0 to 100. */
    public float confidence() {
        float lowest = 100;
        for (Word w : words) {
            lowest = Math.min(lowest, w.confidence());
        }
        return lowest;
    }
}
