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

    public String sandboxId() {
        return sandboxId;
    }
}
