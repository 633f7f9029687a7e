package io.vmservice.provider.e2b;

import java.util.Objects;

/**
 * A credential (the API key, an envd access token) that must never be printed: its
 * {@code toString} shows only that it is there. Only this package reads the value, where it goes
 * on the wire.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** A secret, or null for a null or empty value (sandboxes created without {@code secure}). */
    static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    String reveal() {
        return value;
    }

    /** Text with every occurrence of this secret blanked out, for messages built from server replies. */
    String redact(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
