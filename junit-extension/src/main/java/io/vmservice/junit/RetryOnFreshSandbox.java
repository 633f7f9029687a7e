package io.vmservice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a flaky GUI test again, on a fresh sandbox each time, until it passes or
 * {@link #maxAttempts()} have failed. Use it instead of {@code @Test}. Failed attempts before
 * the last are reported as aborted with their reason; each attempt keeps its own failure
 * artifacts ({@code target/vmservice/<class>/<method>-attempt_N_of_M/}). Attempts run one after
 * another.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(RetryExtension.class)
public @interface RetryOnFreshSandbox {

    /** How many times the test may run in all, at least 1. */
    int maxAttempts() default 3;
}
