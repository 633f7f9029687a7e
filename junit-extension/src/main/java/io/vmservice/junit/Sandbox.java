package io.vmservice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the sandbox behind a parameter or field is made. Unset attributes fall back to the
 * configuration (environment, system properties, {@code junit-platform.properties}, defaults).
 *
 * <p>A {@code static} field is one sandbox shared by the whole class; an instance field or a
 * test-method parameter gets a fresh sandbox for every test. Parameters with the same
 * attributes in one test share a sandbox; give {@link #name()} to get a second one.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Sandbox {

    /** Template: {@code desktop} (xfce4) or {@code minimal} (openbox). */
    String template() default "";

    /** Screen size as WIDTHxHEIGHT, e.g. {@code 1280x800}. */
    String resolution() default "";

    Internet internet() default Internet.DEFAULT;

    /** Sandbox lifetime in seconds; 0 takes the configured one. */
    int timeoutSeconds() default 0;

    /** CPUs (1-8); 0 takes the configured number. */
    int cpuCount() default 0;

    /** Memory in MB (512-8192); 0 takes the configured amount. */
    int memoryMb() default 0;

    /** Distinguishes sandboxes with otherwise equal attributes in one test. */
    String name() default "";

    /** Whether the sandbox can reach the network. */
    enum Internet {
        /** As configured ({@code vmservice.internet}, on by default). */
        DEFAULT,
        ON,
        OFF
    }
}
