package io.vmservice.junit;

import io.vmservice.exception.InvalidInputException;
import java.util.Locale;

/** Which tests keep a recording (video, trace): none, failed ones, or all. */
enum Retention {
    OFF, ON_FAILURE, ALWAYS;

    /** {@code off}, {@code on-failure} or {@code always}. */
    static Retention parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "on-failure" -> ON_FAILURE;
            case "always" -> ALWAYS;
            default -> throw new InvalidInputException("expected off, on-failure or always");
        };
    }

    boolean records() {
        return this != OFF;
    }

    boolean keeps(boolean failed) {
        return this == ALWAYS || this == ON_FAILURE && failed;
    }
}
