package io.vmservice.exception;

/**
 * Every {@link VmServiceException#errorCode()} this SDK raises, in one place: services can switch
 * on them, and the JSON form of an error ({@link VmServiceException#toMap()}) carries them. Errors
 * envd reports that have no typed equivalent keep envd's own code, upper case and prefixed
 * {@code ENVD_}; control-plane answers without one are {@code E2B_HTTP_<status>}.
 */
public final class ErrorCodes {

    // Sandboxes and quotas
    public static final String SANDBOX_NOT_FOUND = "SANDBOX_NOT_FOUND";
    public static final String SANDBOX_CREATION_FAILED = "SANDBOX_CREATION_FAILED";
    public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";
    public static final String SLOT_TIMEOUT = "SLOT_TIMEOUT";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String CLIENT_CLOSED = "CLIENT_CLOSED";
    /** The async client's queue is full. */
    public static final String BUSY = "BUSY";

    // Requests
    public static final String INVALID_INPUT = "INVALID_INPUT";
    public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String NOT_FOUND = "NOT_FOUND";

    // Providers
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    /** A provider failure that no typed error describes; the message has the provider's words. */
    public static final String PROVIDER_ERROR = "PROVIDER_ERROR";
    public static final String PROTOCOL_ERROR = "PROTOCOL_ERROR";
    public static final String CREATE_OUTCOME_UNKNOWN = "CREATE_OUTCOME_UNKNOWN";
    public static final String STREAM_BROKEN = "STREAM_BROKEN";
    public static final String STREAM_ALREADY_RUNNING = "STREAM_ALREADY_RUNNING";
    public static final String ENVD_TIMEOUT = "ENVD_TIMEOUT";
    public static final String ENVD_DEADLINE_EXCEEDED = "ENVD_DEADLINE_EXCEEDED";
    public static final String ENVD_ALREADY_EXISTS = "ENVD_ALREADY_EXISTS";
    public static final String ENVD_INTERNAL = "ENVD_INTERNAL";

    // Commands, processes and files
    public static final String COMMAND_TIMEOUT = "COMMAND_TIMEOUT";
    public static final String PROCESS_NOT_FOUND = "PROCESS_NOT_FOUND";
    public static final String FILE_NOT_FOUND = "FILE_NOT_FOUND";
    public static final String FILE_READ_FAILED = "FILE_READ_FAILED";
    public static final String FILE_WRITE_FAILED = "FILE_WRITE_FAILED";
    public static final String DISK_FULL = "DISK_FULL";

    // The desktop
    public static final String DESKTOP_ACTION_FAILED = "DESKTOP_ACTION_FAILED";
    public static final String SCREENSHOT_FAILED = "SCREENSHOT_FAILED";
    public static final String TARGET_NOT_FOUND = "TARGET_NOT_FOUND";
    public static final String TARGET_STILL_VISIBLE = "TARGET_STILL_VISIBLE";
    public static final String WINDOW_NOT_FOUND = "WINDOW_NOT_FOUND";
    public static final String WINDOW_NOT_CHANGED = "WINDOW_NOT_CHANGED";
    public static final String SCREEN_NOT_STABLE = "SCREEN_NOT_STABLE";
    public static final String OCR_UNAVAILABLE = "OCR_UNAVAILABLE";

    private ErrorCodes() {
    }
}
