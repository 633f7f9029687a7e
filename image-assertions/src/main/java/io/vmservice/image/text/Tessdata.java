package io.vmservice.image.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where Tesseract's language data is: {@code TESSDATA_PREFIX} when set, else where Debian's
 * {@code tesseract-ocr-LANG} packages put it. Debian's files are tessdata_fast, the LSTM models
 * Tesseract itself recommends for most uses.
 */
final class Tessdata {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{3}(_[a-z]+)*");
    private static final List<Path> DEBIAN_DIRS = List.of(
            Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
            Path.of("/usr/share/tessdata"));

    private Tessdata() {
    }

    /** The directory holding {@code LANGUAGE.traineddata}; a typed error naming the package if none does. */
    static Path directoryFor(String language) {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new io.vmservice.exception.InvalidInputException("a Tesseract language is a three-letter code"
                    + " such as eng, deu or chi_sim, got " + language);
        }
        List<Path> searched = candidates();
        for (Path dir : searched) {
            if (Files.isRegularFile(dir.resolve(language + ".traineddata"))) {
                return dir;
            }
        }
        String debianName = language.replace('_', '-').toLowerCase(Locale.ROOT);
        throw new OcrUnavailableException("no Tesseract data for language '" + language + "': looked for "
                + language + ".traineddata in " + searched + ". Install it with: apt-get install tesseract-ocr-"
                + debianName + " (or set TESSDATA_PREFIX to a directory holding it)", language);
    }

    private static List<Path> candidates() {
        List<Path> dirs = new ArrayList<>();
        String prefix = System.getenv("TESSDATA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            Path p = Path.of(prefix);
            dirs.add(p);
            dirs.add(p.resolve("tessdata"));
        }
        dirs.addAll(DEBIAN_DIRS);
        return dirs;
    }
}
