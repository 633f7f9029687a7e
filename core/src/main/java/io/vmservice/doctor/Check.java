package io.vmservice.doctor;

import java.util.Objects;

/**
 * One thing a machine needs, as the doctor found it: what, whether it is in order, what was seen,
 * and, when it is not in order, the command or step that puts it right.
 *
 * @param subject what was checked, e.g. {@code Xvfb} or {@code user namespaces}
 * @param status whether it is in order
 * @param detail what was found
 * @param fix what to do, or null when nothing needs doing
 */
public record Check(String subject, Status status, String detail, String fix) {

    /** How a check came out. */
    public enum Status {
        /** In order. */
        PASS("✓"),
        /** Missing or broken: the provider cannot run until it is fixed. */
        FAIL("✗"),
        /** The provider runs without it, with less: the detail says what is lost. */
        WARN("!");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }

        /** The mark the line starts with. */
        public String mark() {
            return mark;
        }
    }

    public Check {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status != Status.PASS && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("a check that is not in order names its fix: " + subject);
        }
    }

    public static Check pass(String subject, String detail) {
        return new Check(subject, Status.PASS, detail, null);
    }

    public static Check fail(String subject, String detail, String fix) {
        return new Check(subject, Status.FAIL, detail, fix);
    }

    public static Check warn(String subject, String detail, String fix) {
        return new Check(subject, Status.WARN, detail, fix);
    }

    /** The check as one line: mark, subject, what was found and, when not in order, the fix. */
    public String line() {
        return status.mark() + " " + subject + ": " + detail + (fix == null ? "" : " — fix: " + fix);
    }

    @Override
    public String toString() {
        return line();
    }
}
