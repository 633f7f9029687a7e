package io.vmservice.exception;

import java.util.Map;

/** A sandbox could not be created or did not become ready. */
public class SandboxCreationException extends VmServiceException {

    public SandboxCreationException(String message) {
        this(message, null);
    }

    public SandboxCreationException(String message, Throwable cause) {
        super(ErrorCodes.SANDBOX_CREATION_FAILED, message, Map.of(), cause);
    }
}
