package io.vmservice.exception;

import java.util.LinkedHashMap;
import java.util.Map;

/** A file a sandbox operation needed (to read, stat, list, move or remove) is not in the sandbox. */
public class SandboxFileNotFoundException extends VmServiceException {

    private final String path;

    /** @param path the path as the caller gave it, or null when the provider did not say */
    public SandboxFileNotFoundException(String message, String sandboxId, String path) {
        super(ErrorCodes.FILE_NOT_FOUND, message, details(sandboxId, path), null);
        this.path = path;
    }

    /** The path as the caller gave it, or null when the provider did not say which. */
    public String path() {
        return path;
    }

    private static Map<String, Object> details(String sandboxId, String path) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (sandboxId != null) {
            details.put("sandbox_id", sandboxId);
        }
        if (path != null) {
            details.put("path", path);
        }
        return details;
    }
}
