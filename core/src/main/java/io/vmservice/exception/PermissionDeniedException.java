package io.vmservice.exception;

import java.util.Map;

/** The operation is not allowed, e.g. a path outside the sandbox's writable areas. */
public class PermissionDeniedException extends VmServiceException {

    public PermissionDeniedException(String message) {
        super(ErrorCodes.PERMISSION_DENIED, message, Map.of(), null);
    }
}
