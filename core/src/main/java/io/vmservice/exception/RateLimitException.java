package io.vmservice.exception;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider refused a request because too many were sent in a short time; trying again after
 * {@link #retryAfter()} may succeed. Unlike {@link QuotaExceededException}, nothing is used up.
 */
public class RateLimitException extends VmServiceException {

    private final Duration retryAfter;

    /**
     * @param retryAfter how long the provider asked to wait, or null when it did not say
     * @param limit the request limit of the current window, or -1 when unknown
     */
    public RateLimitException(String message, Duration retryAfter, int limit) {
        super(ErrorCodes.RATE_LIMITED, message, details(retryAfter, limit), null);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked to wait before the next request, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    private static Map<String, Object> details(Duration retryAfter, int limit) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (retryAfter != null) {
            details.put("retry_after_ms", retryAfter.toMillis());
        }
        if (limit >= 0) {
            details.put("limit", limit);
        }
        return details;
    }
}
