package io.vmservice.exception;

import java.time.Duration;
import java.util.Map;

/**
 * A create waited for a free sandbox slot as long as it was allowed to, and none came free:
 * every slot of {@link #limit()} stayed in use for the whole {@link #waited()}. Nothing was booted.
 */
public class SlotTimeoutException extends QuotaExceededException {

    private final Duration waited;

    public SlotTimeoutException(String message, int currentUsage, int limit, Duration waited, Throwable cause) {
        super(ErrorCodes.SLOT_TIMEOUT, message, Map.of("current_usage", currentUsage, "limit", limit, "waited_ms", waited.toMillis()),
                currentUsage, limit, cause);
        this.waited = waited;
    }

    /** How long the create waited before it gave up. */
    public Duration waited() {
        return waited;
    }
}
