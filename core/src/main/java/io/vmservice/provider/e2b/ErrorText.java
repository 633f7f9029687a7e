package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The human part of an error body: its JSON {@code message}, or short plain text, or nothing. */
final class ErrorText {

    private static final int MAX = 500;

    private ErrorText() {
    }

    static String message(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            try {
                JsonNode message = Json.MAPPER.readTree(text).get("message");
                if (message != null && message.isTextual()) {
                    return oneLine(message.asText());
                }
            } catch (IOException notJson) {
                // fall through to the raw text
            }
        }
        return text.startsWith("<") ? "" : oneLine(text);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
    }
}
