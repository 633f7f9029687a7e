package io.vmservice.exception;

import java.util.Map;

/**
 * No sandbox with this id exists for the caller: it never existed, was destroyed, timed out, or
 * belongs to another user (which is deliberately not revealed).
 */
public class SandboxNotFoundException extends VmServiceException {

    private final String sandboxId;

    public SandboxNotFoundException(String sandboxId) {
        super(ErrorCodes.SANDBOX_NOT_FOUND, "sandbox not found: " + sandboxId, Map.of("sandbox_id", sandboxId), null);
        this.sandboxId = sandboxId;
    }

    /** For a more precise kind of "not found", with its own message. */
    protected SandboxNotFoundException(String sandboxId, String message) {
        super(ErrorCodes.SANDBOX_NOT_FOUND, message, Map.of("sandbox_id", sandboxId), null);
        this.sandboxId = sandboxId;
    }

    public String sandboxId() {
        return sandboxId;
    }
}
