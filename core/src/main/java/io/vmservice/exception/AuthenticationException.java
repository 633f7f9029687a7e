package io.vmservice.exception;

import java.util.Map;

/** The provider refused the credentials (the API key or an access token). */
public class AuthenticationException extends VmServiceException {

    public AuthenticationException(String message) {
        super(ErrorCodes.AUTHENTICATION_FAILED, message, Map.of(), null);
    }
}
