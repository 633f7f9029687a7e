package io.vmservice.provider.e2b;

import io.vmservice.exception.InvalidInputException;
import java.time.Duration;

/**
 * How often and how long to retry a safe request that met a rate limit (429), a struggling edge
 * (502, 503, 504) or a failed connection. Delays double from {@code initialDelay} up to
 * {@code maxDelay}; a server's own RateLimit-Reset or Retry-After wins when it is no longer
 * than {@code maxDelay}, and past that the call fails at once rather than hang.
 *
 * @param maxRetries retries after the first attempt, 0 to never retry
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1));

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 20) {
            throw new InvalidInputException("maxRetries must be between 0 and 20, got " + maxRetries);
        }
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
            throw new InvalidInputException("initialDelay must be positive, got " + initialDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new InvalidInputException("maxDelay must be at least initialDelay (" + initialDelay + "), got " + maxDelay);
        }
    }

    /** The backoff before retry number {@code retry} (1-based), without the server's hints. */
    Duration backoff(int retry) {
        long millis = initialDelay.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
