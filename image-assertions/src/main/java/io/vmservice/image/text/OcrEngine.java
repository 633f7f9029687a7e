package io.vmservice.image.text;

import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.RIL_SYMBOL;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;
import static org.bytedeco.tesseract.global.tesseract.TessDeleteText;
import static org.bytedeco.tesseract.global.tesseract.TessResultIteratorDelete;

import io.vmservice.desktop.Region;
import io.vmservice.desktop.Screenshot;
import io.vmservice.exception.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.StringVector;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Reads text on screenshots with Tesseract's LSTM engine. One engine reads one image at a time
 * (Tesseract's API is not thread-safe), so its methods are synchronized; close it to free its
 * native memory (some 20 MB per language).
 *
 * <p>A read finds the runs of text with OpenCV first and gives Tesseract each run on its own,
 * enlarged: reading a whole screen at once is slower and misses small UI text.
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
    private final TessBaseAPI api;
    private boolean closed;

    private OcrEngine(String language, TessBaseAPI api) {
        this.language = language;
        this.api = api;
    }

    /**
     * An engine for a language whose data is installed, e.g. {@code "eng"} (Debian's
     * {@code tesseract-ocr-eng}) or {@code "deu"} ({@code tesseract-ocr-deu}).
     *
     * @throws OcrUnavailableException when the language's data is not installed
     */
    public static OcrEngine open(String language) {
        Path data = Tessdata.directoryFor(language);
        TessBaseAPI api = new TessBaseAPI();
        // UI labels are often not dictionary words; the dictionaries would "correct" them
        try (StringVector names = new StringVector("load_system_dawg", "load_freq_dawg");
             StringVector values = new StringVector("0", "0")) {
            int status = api.Init(data.toString(), language, OEM_LSTM_ONLY, (BytePointer) null, 0, names, values, false);
            if (status != 0) {
                api.End();
                api.close();
                throw new OcrUnavailableException("Tesseract would not start with " + data.resolve(language
                        + ".traineddata") + "; reinstall it with: apt-get install --reinstall tesseract-ocr-"
                        + language.replace('_', '-'), language);
            }
        }
        api.SetPageSegMode(PSM_SINGLE_BLOCK);
        // polarity is settled before Tesseract sees a run; its own check per line costs time
        api.SetVariable("invert_threshold", "0");
        return new OcrEngine(language, api);
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
        for (Region run : TextRegions.find(screen, area)) {
            words.addAll(readRun(screen, run));
        }
        return ScreenText.of(words);
    }

    /** The words of one run of text, in screen pixels. */
    synchronized List<Word> readRun(Screenshot screen, Region run) {
        if (closed) {
            throw new IllegalStateException("the " + language + " OCR engine is closed");
        }
        LineImage line = LineImage.of(screen, run);
        api.SetImage(line.grey(), line.width(), line.height(), 1, line.width());
        api.SetSourceResolution(96 * line.scale());
        List<Word> words = new ArrayList<>();
        if (api.Recognize(null) != 0) {
            return words;
        }
        ResultIterator it = api.GetIterator();
        if (it == null || it.isNull()) {
            api.Clear();
            return words;
        }
        try {
            Glyphs glyphs = new Glyphs();
            int[] left = new int[1];
            int[] top = new int[1];
            int[] right = new int[1];
            int[] bottom = new int[1];
            float wordConfidence = 0;
            do {
                boolean startsWord = it.IsAtBeginningOf(RIL_WORD);
                if (startsWord) {
                    wordConfidence = it.Confidence(RIL_WORD);
                }
                BytePointer utf8 = it.GetUTF8Text(RIL_SYMBOL);
                if (utf8 == null || utf8.isNull()) {
                    continue;
                }
                String text = utf8.getString(StandardCharsets.UTF_8).strip();
                TessDeleteText(utf8);
                if (!text.isEmpty() && it.BoundingBox(RIL_SYMBOL, left, top, right, bottom)) {
                    glyphs.add(new Glyphs.Glyph(text, left[0], top[0], right[0], bottom[0],
                            wordConfidence, startsWord));
                }
            } while (it.Next(RIL_SYMBOL));
            for (List<Glyphs.Glyph> word : glyphs.words()) {
                words.add(word(word, line));
            }
        } finally {
            // both were allocated by Tesseract and are freed by it, not by JavaCPP
            TessResultIteratorDelete(it);
            api.Clear();
        }
        return words;
    }

    private static Word word(List<Glyphs.Glyph> glyphs, LineImage line) {
        StringBuilder text = new StringBuilder();
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int bottom = Integer.MIN_VALUE;
        float confidence = 100;
        for (Glyphs.Glyph g : glyphs) {
            text.append(g.text());
            left = Math.min(left, g.left());
            top = Math.min(top, g.top());
            right = Math.max(right, g.right());
            bottom = Math.max(bottom, g.bottom());
            confidence = Math.min(confidence, g.confidence());
        }
        return new Word(text.toString(), line.toScreen(left, top, right, bottom), confidence);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            api.End();
            api.close();
        }
    }

    @Override
    public String toString() {
        return "OcrEngine[" + language + (closed ? ", closed" : "") + "]";
    }
}
