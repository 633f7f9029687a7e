package io.vmservice.image.text;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads screens as they are polled, doing as little as the change since the last read needs: an
 * unchanged screen costs one comparison; otherwise the runs of text are found again only in
 * the rows that changed and each run is read by Tesseract only if its exact pixels were not
 * read before, the runs to read side by side (see {@link OcrEngine}). The answer is what
 * {@link OcrEngine#read(Screenshot, Region)} gives.
 */
final class ScreenReader {

    /** Runs remembered; a busy screen has a few hundred. */
    private static final int REMEMBERED_RUNS = 4096;
    private static final Map<String, ScreenReader> SHARED = new ConcurrentHashMap<>();

    static {
        // Ended before the JVM exits: Tesseract reports every model still held then as a leak on stderr.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SHARED.values().forEach(reader -> reader.engine.close()),
                "vmservice-ocr-shutdown"));
    }

    private final OcrEngine engine;
    private final Map<RunPixels, List<Word>> read = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RunPixels, List<Word>> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };
    private Screenshot lastScreen;
    private Region lastArea;
    private List<Region> lastRuns;
    private ScreenText lastText;
    private int recognitions;

    ScreenReader(OcrEngine engine) {
        this.engine = engine;
    }

    /** The reader of a language shared by every text target; its engine lives until the JVM shuts down. */
    static ScreenReader shared(String language) {
        return SHARED.computeIfAbsent(language, l -> new ScreenReader(OcrEngine.open(l)));
    }

    OcrEngine engine() {
        return engine;
    }

    synchronized ScreenText read(Screenshot screen, Region area) {
        boolean comparable = lastScreen != null && area.equals(lastArea) && lastScreen.width() == screen.width()
                && lastScreen.height() == screen.height();
        List<Region> runs;
        if (comparable) {
            if (lastScreen == screen || lastScreen.samePixels(screen, area)) {
                return lastText;
            }
            runs = TextRegions.update(screen, area, lastRuns, lastScreen.changedSince(screen, area).orElseThrow());
        } else {
            runs = TextRegions.find(screen, area);
        }
        List<Word> words = wordsOf(screen, runs);
        lastScreen = screen;
        lastArea = area;
        lastRuns = runs;
        lastText = ScreenText.of(words);
        return lastText;
    }

    /** How many runs Tesseract has read so far; the rest came from memory. */
    synchronized int recognitions() {
        return recognitions;
    }

    /** The words of the runs: remembered ones from memory, the others read side by side. */
    private List<Word> wordsOf(Screenshot screen, List<Region> runs) {
        List<Region> inputs = new ArrayList<>(runs.size());
        List<List<Word>> relative = new ArrayList<>(runs.size());
        // the runs not read before, each once even where the screen shows the same pixels twice
        Map<RunPixels, List<Integer>> unread = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Region input = LineImage.inputArea(screen, runs.get(i));
            RunPixels key = RunPixels.of(screen, input);
            List<Word> known = read.get(key);
            inputs.add(input);
            relative.add(known);
            if (known == null) {
                unread.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Region> toRead = unread.values().stream().map(at -> runs.get(at.get(0))).toList();
        List<List<Word>> recognised = engine.readRuns(screen, toRead);
        recognitions += toRead.size();
        int next = 0;
        for (Map.Entry<RunPixels, List<Integer>> entry : unread.entrySet()) {
            Region input = inputs.get(entry.getValue().get(0));
            List<Word> words = recognised.get(next++).stream().map(w -> w.moved(-input.x(), -input.y())).toList();
            read.put(entry.getKey(), words);
            entry.getValue().forEach(at -> relative.set(at, words));
        }
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Region input = inputs.get(i);
            relative.get(i).forEach(w -> words.add(w.moved(input.x(), input.y())));
        }
        return words;
    }
}
