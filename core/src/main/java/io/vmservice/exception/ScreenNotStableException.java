package io.vmservice.exception;

import java.time.Duration;
import java.util.Map;

/** The screen kept changing for the whole wait for two identical frames: an animation, a blinking cursor, a progress bar. */
public class ScreenNotStableException extends VmServiceException {

    private final Duration waited;

    public ScreenNotStableException(String message, Duration waited) {
        super(ErrorCodes.SCREEN_NOT_STABLE, message, Map.of("waited_ms", waited.toMillis()), null);
        this.waited = waited;
    }

    /** How long the screen was watched. */
    public Duration waited() {
        return waited;
    }
}
