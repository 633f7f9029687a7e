package io.vmservice.image.text;

import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_LINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_SYMBOL;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;
import static org.bytedeco.tesseract.global.tesseract.TessDeleteText;
import static org.bytedeco.tesseract.global.tesseract.TessResultIteratorDelete;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.StringVector;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * One Tesseract instance: it reads one prepared run at a time and must be used by one thread at
 * a time (Tesseract's API is not thread-safe). Some 20 MB of native memory until closed.
 */
final class Recognizer implements AutoCloseable {

    private final TessBaseAPI api;

    private Recognizer(TessBaseAPI api) {
        this.api = api;
    }

    /** @throws OcrUnavailableException when Tesseract will not start with the language's data */
    static Recognizer open(Path data, String language) {
        TessBaseAPI api = new TessBaseAPI();
        // UI labels are often not dictionary words; the word lists would "correct" them. The LSTM
        // engine's own dictionaries load whatever these say (only lstm_use_matrix=0 drops them);
        // they stay, since without them words such as "x width" run together
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
        // polarity is settled before Tesseract sees a run; its own check per line costs time
        api.SetVariable("invert_threshold", "0");
        return new Recognizer(api);
    }

    /** The words of one prepared run, in screen pixels. */
    List<Word> read(LineImage line) {
        // a single line skips Tesseract's search for lines and blocks
        api.SetPageSegMode(line.oneLine() ? PSM_SINGLE_LINE : PSM_SINGLE_BLOCK);
        api.SetImage(line.grey(), line.width(), line.height(), 1, line.width());
        api.SetSourceResolution(96 * line.scale());
        List<Word> words = new ArrayList<>();
        if (api.Recognize(null) != 0) {
            api.Clear();
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
    public void close() {
        api.End();
        api.close();
    }
}
