package io.vmservice.exception;

import java.util.Map;

/** An argument was out of range or malformed; the message names it and what is allowed. */
public class InvalidInputException extends VmServiceException {

    public InvalidInputException(String message) {
        this(message, null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(ErrorCodes.INVALID_INPUT, message, Map.of(), cause);
    }
}
