package io.vmservice.exception;

import java.util.Map;

/** Creating one more sandbox would exceed a limit (global, per user, or the provider's own). */
public class QuotaExceededException extends VmServiceException {

    private final int currentUsage;
    private final int limit;

    public QuotaExceededException(String message, int currentUsage, int limit) {
        this(ErrorCodes.QUOTA_EXCEEDED, message, Map.of("current_usage", currentUsage, "limit", limit), currentUsage, limit, null);
    }

    /** For subclasses with an error code and details of their own. */
    protected QuotaExceededException(String errorCode, String message, Map<String, ?> details, int currentUsage, int limit,
                                     Throwable cause) {
        super(errorCode, message, details, cause);
        this.currentUsage = currentUsage;
        this.limit = limit;
    }

    public int currentUsage() {
        return currentUsage;
    }

    public int limit() {
        return limit;
    }
}
