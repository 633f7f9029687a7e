package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * An error in the Connect protocol's shape: a string {@code code} such as {@code not_found} and
 * a message. Responses that are not Connect errors (an E2B proxy error with an integer code,
 * HTML, nothing) get a code inferred from the HTTP status, with E2B's own SDK table.
 */
record ConnectError(String code, String message) {

    static final String DEADLINE_EXCEEDED = "deadline_exceeded";
    static final String NOT_FOUND = "not_found";

    /** From an end-of-stream {@code error} object or a unary error body; null when it is neither. */
    static ConnectError fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode code = node.get("code");
        if (code == null || !code.isTextual()) {
            return null;
        }
        JsonNode message = node.get("message");
        return new ConnectError(code.asText().toLowerCase(Locale.ROOT), message == null ? "" : message.asText(""));
    }

    static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "invalid_argument";
            case 401 -> "unauthenticated";
            case 403 -> "permission_denied";
            case 404 -> NOT_FOUND;
            case 409 -> "already_exists";
            case 413, 429 -> "resource_exhausted";
            case 499 -> "canceled";
            case 501, 505 -> "unimplemented";
            case 502, 503 -> "unavailable";
            case 504 -> DEADLINE_EXCEEDED;
            default -> status >= 500 ? "internal" : "unknown";
        };
    }
}
