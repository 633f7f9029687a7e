package io.vmservice.image.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How texts are compared: Unicode compatibility forms (ligatures, full-width letters), one space
 * between words, typographic quotes and dashes as plain ones, case folded unless asked; and,
 * unless exact, punctuation at the ends of words dropped ("Save…" is "Save") and the letters
 * sans-serif fonts draw alike taken as one: capital I, lower-case l and the bar, which no OCR
 * tells apart there ("Isoran" read as "lsoran").
 */
record TextNormalizer(boolean ignoreCase, boolean exact) {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("(^|(?<= ))[\\p{P}\\p{S}&&[^#$%&@+]]+|[\\p{P}\\p{S}&&[^#$%&@+]]+((?= )|$)");

    String normalize(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u2013', '-').replace('\u2014', '-');
        n = SPACES.matcher(n.strip()).replaceAll(" ");
        if (!exact) {
            n = SPACES.matcher(EDGE_PUNCTUATION.matcher(n).replaceAll("").strip()).replaceAll(" ");
            n = n.replace('I', 'l').replace('|', 'l');
        }
        return ignoreCase ? n.toLowerCase(Locale.ROOT) : n;
    }
}
