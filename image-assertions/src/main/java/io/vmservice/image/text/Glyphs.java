package io.vmservice.image.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the characters Tesseract read on one run into words. Frames of buttons, table cells and
 * fields read as '|' (or as tall brackets glued to a word): they are dropped and split the word
 * they are in, so a word's box is its letters' box and a cell's text is not "[Alpha|Bravo".
 */
final class Glyphs {

    /** One character as read, its box in the prepared image, the confidence of the word it was read in. */
    record Glyph(String text, int left, int top, int right, int bottom, float confidence, boolean startsWord) {

        int height() {
            return bottom - top;
        }
    }

    private final List<Glyph> glyphs = new ArrayList<>();

    void add(Glyph glyph) {
        glyphs.add(glyph);
    }

    /** The words, each a list of glyphs in reading order. */
    List<List<Glyph>> words() {
        int letterHeight = medianLetterHeight();
        List<List<Glyph>> words = new ArrayList<>();
        List<Glyph> current = new ArrayList<>();
        for (Glyph g : glyphs) {
            if (g.startsWord() && !current.isEmpty()) {
                words.add(current);
                current = new ArrayList<>();
            }
            if (isFrame(g, letterHeight)) {
                if (!current.isEmpty()) {
                    words.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(g);
        }
        if (!current.isEmpty()) {
            words.add(current);
        }
        return words;
    }

    private static boolean isFrame(Glyph g, int letterHeight) {
        return switch (g.text()) {
            case "|", "¦", "│" -> true;
            case "[", "]", "(", ")", "{", "}", "!", "l", "I", "1" -> letterHeight > 0 && g.height() * 10 > letterHeight * 17;
            default -> false;
        };
    }

    private int medianLetterHeight() {
        int[] heights = glyphs.stream().filter(g -> Character.isLetterOrDigit(g.text().codePointAt(0)))
                .mapToInt(Glyph::height).sorted().toArray();
        return heights.length == 0 ? 0 : heights[heights.length / 2];
    }
}
