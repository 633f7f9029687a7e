package io.vmservice.exception;

import java.util.Map;

/**
 * A window did not do what a test asked of it in time: take the focus, close, move or resize.
 * The message says what it was asked and where it is now (or which windows were open).
 */
public class WindowNotChangedException extends VmServiceException {

    private final String windowId;

    public WindowNotChangedException(String message, String windowId) {
        super(ErrorCodes.WINDOW_NOT_CHANGED, message, Map.of("window", windowId), null);
        this.windowId = windowId;
    }

    /** The X window id, decimal. */
    public String windowId() {
        return windowId;
    }
}
