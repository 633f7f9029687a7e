package io.vmservice.exception;

import java.util.Map;

/** Creating one more sandbox would exceed a limit (global, per user, or the provider's own). */
public class QuotaExceededException extends VmServiceException {

    private final int currentUsage;
    private final int limit;

    public QuotaExceededException(String message, int currentUsage, int limit) {
        super("QUOTA_EXCEEDED", message, Map.of("current_usage", currentUsage, "limit", limit), null);
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
