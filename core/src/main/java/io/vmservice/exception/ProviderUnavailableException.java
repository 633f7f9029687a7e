package io.vmservice.exception;

import java.util.Map;

/**
 * The provider cannot work on this machine or service: a system package is missing (the message
 * names the command that installs it, and for the local provider points to
 * {@code scripts/vmservice doctor}, which checks everything it needs), or the remote service
 * cannot be reached.
 */
public class ProviderUnavailableException extends VmServiceException {

    public ProviderUnavailableException(String message) {
        this(message, null);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(ErrorCodes.PROVIDER_UNAVAILABLE, message, Map.of(), cause);
    }
}
