package io.vmservice.image.text;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads text on screenshots with Tesseract's LSTM engine. Close it to free its native memory
 * (some 20 MB per language and Tesseract instance).
 *
 * <p>A read finds the runs of text with OpenCV first and gives Tesseract each run on its own,
 * enlarged: reading a whole screen at once is slower and misses small UI text. The runs are read
 * side by side, one Tesseract instance per processor (started when a read first needs it), and
 * the answer is the one a single instance reading them in turn gives. An engine may be shared
 * by threads.
 *
 * <pre>{@code
 * try (OcrEngine ocr = OcrEngine.open("eng")) {
 *     ScreenText text = ocr.read(screen);
 * }
 * }</pre>
 */
public final class OcrEngine implements AutoCloseable {

    public static final String ENGLISH = "eng";

    private final String language;
    private final Recognizers recognizers;

    private OcrEngine(String language, Recognizers recognizers) {
        this.language = language;
        this.recognizers = recognizers;
    }

    /**
     * An engine for a language whose data is installed, e.g. {@code "eng"} (Debian's
     * {@code tesseract-ocr-eng}) or {@code "deu"} ({@code tesseract-ocr-deu}).
     *
     * @throws OcrUnavailableException when the language's data is not installed
     */
    public static OcrEngine open(String language) {
        return open(language, Runtime.getRuntime().availableProcessors());
    }

    /** An engine reading with at most {@code instances} Tesseract instances at once. */
    static OcrEngine open(String language, int instances) {
        return new OcrEngine(language, new Recognizers(Tessdata.directoryFor(language), language, instances));
    }

    public static OcrEngine english() {
        return open(ENGLISH);
    }

    public String language() {
        return language;
    }

    /** Reads the whole screen. */
    public ScreenText read(Screenshot screen) {
        return read(screen, screen.bounds());
    }

    /** Reads the text inside {@code region} of the screen. */
    public ScreenText read(Screenshot screen, Region region) {
        Region area = region.intersection(screen.bounds());
        if (area == null) {
            throw new InvalidInputException("region " + region + " is outside the " + screen.width() + "x"
                    + screen.height() + " screen");
        }
        List<Word> words = new ArrayList<>();
        readRuns(screen, TextRegions.find(screen, area)).forEach(words::addAll);
        return ScreenText.of(words);
    }

    /** The words of each run of text, in screen pixels, in the order of {@code runs}. */
    List<List<Word>> readRuns(Screenshot screen, List<Region> runs) {
        if (recognizers.isClosed()) {
            throw new IllegalStateException("the " + language + " OCR engine is closed");
        }
        return recognizers.read(screen, runs);
    }

    /** How many Tesseract instances this engine has started so far. */
    int instances() {
        return recognizers.started();
    }

    @Override
    public void close() {
        recognizers.close();
    }

    @Override
    public String toString() {
        return "OcrEngine[" + language + (recognizers.isClosed() ? ", closed" : "") + "]";
    }
}
