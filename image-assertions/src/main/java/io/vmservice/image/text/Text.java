package io.vmservice.image.text;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.desktop.Target;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Words as a user sees them on the screen, read by OCR: a {@link Target}, so a locator finds,
 * clicks and waits for it like a picture. Immutable: every option returns a new text.
 *
 * <p>{@code Text.of("Place order")} matches whole words on one line, with case, spacing,
 * typographic quotes and punctuation at word ends ignored, capital I, lower-case l and '|' taken
 * as one (sans-serif fonts draw them alike), and forgives OCR slips: up to
 * {@value #DEFAULT_TOLERANCE} of the characters may be read wrong (one in "Place order", none in
 * "Save"). A match's box is tight around the words, so a click lands on them.
 *
 * <pre>{@code
 * desktop.find(Text.of("Place order")).click();
 * desktop.find(Text.matching(Pattern.compile("\\d+ lemons"))).waitVisible();
 * }</pre>
 */
@CheckReturnValue
public final class Text implements Target {

    /**
     * The share of characters that may be misread. On the label-accuracy harness (scripts/bench,
     * 396 labels: generated ones on Firefox pages, lines in mousepad and xfce4-terminal, GTK
     * dialogs' labels) 0 found 390 labels, 0.1 found 393 with one more match elsewhere, and 0.2
     * found no more than 0.1.
     */
    public static final double DEFAULT_TOLERANCE = 0.1;

    private final String wanted;
    private final Pattern pattern;
    private final boolean ignoreCase;
    private final boolean exact;
    private final double tolerance;
    private final float minConfidence;
    private final Region region;
    private final String language;

    private Text(String wanted, Pattern pattern, boolean ignoreCase, boolean exact, double tolerance,
                 float minConfidence, Region region, String language) {
        this.wanted = wanted;
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.exact = exact;
        this.tolerance = tolerance;
        this.minConfidence = minConfidence;
        this.region = region;
        this.language = language;
    }

    /** These words, whole, on one line. */
    public static Text of(String words) {
        if (words == null || words.isBlank()) {
            throw new InvalidInputException("Text.of needs some words to look for, got "
                    + (words == null ? "null" : "\"" + words + "\""));
        }
        return new Text(words, null, true, false, DEFAULT_TOLERANCE, 0, null, OcrEngine.ENGLISH);
    }

    /** Whole words on one line that the pattern matches entirely (spaces normalised, case kept). */
    public static Text matching(Pattern pattern) {
        if (pattern == null) {
            throw new InvalidInputException("Text.matching needs a pattern");
        }
        return new Text(null, pattern, false, true, 0, 0, null, OcrEngine.ENGLISH);
    }

    /** Every character as given, punctuation included, no misread or look-alike character forgiven. */
    public Text exact() {
        return new Text(wanted, pattern, ignoreCase, true, 0, minConfidence, region, language);
    }

    /** Whether upper and lower case count as the same (they do unless set). */
    public Text ignoringCase(boolean ignore) {
        return new Text(wanted, pattern, ignore, exact, tolerance, minConfidence, region, language);
    }

    /** The share of characters (0 to 0.5) that may be misread; {@value #DEFAULT_TOLERANCE} unless set. */
    public Text tolerance(double share) {
        if (!(share >= 0 && share <= 0.5)) {
            throw new InvalidInputException("tolerance is a share of characters from 0 to 0.5, got " + share);
        }
        return new Text(wanted, pattern, ignoreCase, exact, share, minConfidence, region, language);
    }

    /**
     * Ignore words Tesseract is less sure of than this (0 to 100). Unset (0) by default: a word
     * read next to a frame (a button's border) can score low yet be right.
     */
    public Text minConfidence(double confidence) {
        if (!(confidence >= 0 && confidence <= 100)) {
            throw new InvalidInputException("minConfidence is from 0 to 100, got " + confidence);
        }
        return new Text(wanted, pattern, ignoreCase, exact, tolerance, (float) confidence, region, language);
    }

    /** Look only inside this region of the screen. */
    public Text inRegion(Region searchArea) {
        return new Text(wanted, pattern, ignoreCase, exact, tolerance, minConfidence, searchArea, language);
    }

    /** Read with this Tesseract language, e.g. {@code "deu"}; its data must be installed. */
    public Text language(String tesseractLanguage) {
        Tessdata.directoryFor(tesseractLanguage);
        return new Text(wanted, pattern, ignoreCase, exact, tolerance, minConfidence, region, tesseractLanguage);
    }

    public Optional<Region> region() {
        return Optional.ofNullable(region);
    }

    public String language() {
        return language;
    }

    float minConfidence() {
        return minConfidence;
    }

    double threshold() {
        return 1 - tolerance;
    }

    /** The longest run of words a match may span: OCR may split a word in two or join two. */
    int maxWords() {
        return pattern != null ? Integer.MAX_VALUE : wanted.strip().split("\\s+").length + 1;
    }

    /** How well words read on the screen say this text, from 0 to 1. */
    double score(String read) {
        TextNormalizer normalizer = new TextNormalizer(ignoreCase, exact);
        String said = normalizer.normalize(read);
        if (pattern != null) {
            return pattern.matcher(said).matches() ? 1 : 0;
        }
        String want = normalizer.normalize(wanted);
        if (want.isEmpty()) {
            // a text of punctuation alone is compared as given
            normalizer = new TextNormalizer(ignoreCase, true);
            want = normalizer.normalize(wanted);
            said = normalizer.normalize(read);
        }
        return 1 - LevenshteinDistance.getDefaultInstance().apply(want, said) / (double) want.length();
    }

    /** What was read inside the searched area (or the whole screen). */
    public ScreenText read(Screenshot screen) {
        return ScreenReader.shared(language).read(screen, area(screen));
    }

    @Override
    public SearchResult search(Screenshot screen) {
        return TextMatcher.search(read(screen), this);
    }

    /** An unchanged screen gives the earlier answer; otherwise only changed lines are read again. */
    @Override
    public SearchResult search(Screenshot screen, Screenshot earlier, SearchResult earlierResult) {
        if (earlier != null && earlierResult != null && earlier.width() == screen.width()
                && earlier.height() == screen.height() && earlier.samePixels(screen, area(screen))) {
            return earlierResult;
        }
        return search(screen);
    }

    private Region area(Screenshot screen) {
        if (region == null) {
            return screen.bounds();
        }
        Region inside = region.intersection(screen.bounds());
        if (inside == null) {
            throw new InvalidInputException("text region " + region + " is outside the " + screen.width() + "x"
                    + screen.height() + " screen");
        }
        return inside;
    }

    /** How many matches the last search had, and the nearest text read: its words, box and score. */
    @Override
    public String explain(SearchResult last) {
        return last.matches().size() + " match(es); nearest text read: " + last.best()
                .map(m -> String.format(Locale.ROOT, "\"%s\" at %s (score %.3f, needs %.3f)", m.label(), m.region(),
                        m.score(), last.threshold()))
                .orElse("none: no text was read there");
    }

    /** The screen with every word read outlined in blue. */
    @Override
    public Screenshot annotate(Screenshot screen, SearchResult result) {
        return TextOutline.draw(screen, read(screen));
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder("text ");
        text.append(pattern != null ? "matching /" + pattern.pattern() + "/" : "\"" + wanted + "\"");
        if (exact && pattern == null) {
            text.append(" (exact)");
        } else if (pattern == null) {
            text.append(String.format(Locale.ROOT, " (tolerance %.2f)", tolerance));
        }
        if (!ignoreCase && pattern == null) {
            text.append(" (case-sensitive)");
        }
        if (minConfidence > 0) {
            text.append(String.format(Locale.ROOT, " (confidence >= %.0f)", minConfidence));
        }
        if (!OcrEngine.ENGLISH.equals(language)) {
            text.append(" (").append(language).append(')');
        }
        if (region != null) {
            text.append(" in ").append(region);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
