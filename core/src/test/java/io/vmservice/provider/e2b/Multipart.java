package io.vmservice.provider.e2b;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code file} parts of a multipart/form-data body, as envd's upload handler does. */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern DISPOSITION = Pattern.compile("name=\"([^\"]*)\"(?:; filename=\"([^\"]*)\")?");

    private Multipart() {
    }

    /** Filename to content, for every part named {@code file}. */
    static Map<String, byte[]> parts(String contentType, byte[] body) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw new IllegalArgumentException("multipart body without boundary");
        }
        // ISO-8859-1 maps bytes to chars one to one, so offsets stay byte offsets.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        Map<String, byte[]> files = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int headersStart = at + delimiter.length() + 2;
            if (text.startsWith("--", at + delimiter.length())) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            Matcher d = DISPOSITION.matcher(text.substring(headersStart, headersEnd));
            if (d.find() && d.group(1).equals("file")) {
                files.put(d.group(2), text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1));
            }
            at = next + 2;
        }
        return files;
    }
}
