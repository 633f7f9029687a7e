package io.vmservice.provider.e2b;

import io.vmservice.exception.AuthenticationException;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.PermissionDeniedException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.RateLimitException;
import io.vmservice.exception.SandboxFileNotFoundException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import java.util.Locale;
import java.util.Map;

/** Connect errors from envd as this SDK's typed errors. */
final class EnvdErrors {

    /** A stream that ended without its end-of-stream message, or broke inside an envelope. */
    static final String STREAM_BROKEN = ErrorCodes.STREAM_BROKEN;
    /** The error code of a call whose Connect deadline passed. */
    static final String DEADLINE_EXCEEDED = ErrorCodes.ENVD_DEADLINE_EXCEEDED;

    private EnvdErrors() {
    }

    /**
     * @param what the operation, e.g. "stat /home/user/a.txt"
     * @param notFoundCode the error code for {@code not_found}, e.g. FILE_NOT_FOUND
     */
    static VmServiceException toException(ConnectError error, String sandboxId, String what, String notFoundCode) {
        String text = "envd of sandbox " + sandboxId + " could not " + what + " (" + error.code() + ")"
                + (error.message().isBlank() ? "" : ": " + error.message());
        return switch (error.code()) {
            case "unauthenticated" -> new AuthenticationException("envd of sandbox " + sandboxId
                    + " refused the request (unauthenticated): the access token or user was not accepted");
            case "permission_denied" -> new PermissionDeniedException(text);
            case "invalid_argument", "out_of_range", "failed_precondition" -> new InvalidInputException(text);
            case "resource_exhausted" -> new RateLimitException(text, null, -1);
            case "unavailable" -> new ProviderUnavailableException(text);
            case ConnectError.NOT_FOUND -> ErrorCodes.FILE_NOT_FOUND.equals(notFoundCode)
                    ? new SandboxFileNotFoundException(text, sandboxId, null)
                    : new VmServiceException(notFoundCode, text, Map.of("sandbox_id", sandboxId), null);
            default -> new VmServiceException("ENVD_" + error.code().toUpperCase(Locale.ROOT), text,
                    Map.of("sandbox_id", sandboxId), null);
        };
    }

    /**
     * An HTTP failure before envd's handler ran: E2B's edge (502 = sandbox gone, 429 = too many
     * requests) or envd's token check (401). Connect error bodies are read for their code.
     */
    static VmServiceException forStatus(int status, ConnectError bodyError, String message, String sandboxId,
                                        String what, String notFoundCode) {
        if (status == 502) {
            return new SandboxNotFoundException(sandboxId);
        }
        if (status == 401) {
            return new AuthenticationException("envd of sandbox " + sandboxId + " refused the request (HTTP 401):"
                    + " the access token was missing or wrong");
        }
        ConnectError error = bodyError != null ? bodyError : new ConnectError(ConnectError.codeForStatus(status), message);
        return toException(error, sandboxId, what, notFoundCode);
    }

    static VmServiceException broken(String sandboxId, String what, String why, Throwable cause) {
        return new VmServiceException(STREAM_BROKEN, "the stream from envd of sandbox " + sandboxId + " broke while it"
                + " was to " + what + ": " + why, Map.of("sandbox_id", sandboxId), cause);
    }
}
