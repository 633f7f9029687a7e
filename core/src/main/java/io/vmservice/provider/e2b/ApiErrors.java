package io.vmservice.provider.e2b;

import io.vmservice.exception.AuthenticationException;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.PermissionDeniedException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.exception.RateLimitException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * Turns a failed control-plane response into this SDK's typed errors. E2B's error body is
 * {@code {"code": 404, "message": "..."}}, but it may be empty or HTML (from the edge), so the
 * status decides and the message only adds detail. Messages pass through the API key's
 * {@link Secret#redact}, so even a server that echoed the key would not leak it.
 */
final class ApiErrors {

    private static final Pattern CONCURRENCY = Pattern.compile("concurrent[^(]*\\((\\d+)\\)");

    private final Secret apiKey;

    ApiErrors(Secret apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * @param what the operation, e.g. "create a sandbox"
     * @param sandboxId the sandbox concerned, or null
     */
    VmServiceException toException(Response response, String what, String sandboxId) {
        int status = response.code();
        String message = apiKey.redact(message(response));
        String text = "E2B could not " + what + " (HTTP " + status + ")" + (message.isEmpty() ? "" : ": " + message);
        return switch (status) {
            case 400 -> new InvalidInputException(text);
            case 401 -> new AuthenticationException("E2B rejected the API key (HTTP 401)"
                    + (message.isEmpty() ? "" : ": " + message) + "; check E2B_API_KEY");
            case 403 -> new PermissionDeniedException(text);
            case 404 -> sandboxId != null ? new SandboxNotFoundException(sandboxId)
                    : new VmServiceException(ErrorCodes.NOT_FOUND, text);
            case 429 -> tooMany(response, text, message);
            case 502, 503, 504 -> new ProviderUnavailableException(text);
            default -> new VmServiceException("E2B_HTTP_" + status, text, Map.of("status", status), null);
        };
    }

    /** The concurrency limit is a quota (wait for a sandbox to end); anything else is a rate limit. */
    private static VmServiceException tooMany(Response response, String text, String message) {
        Matcher concurrency = CONCURRENCY.matcher(message);
        if (concurrency.find()) {
            int limit = Integer.parseInt(concurrency.group(1));
            return new QuotaExceededException(text, limit, limit);
        }
        Duration retryAfter = RetryInterceptor.serverHint(response);
        int limit = intHeader(response, "RateLimit-Limit");
        return new RateLimitException(text + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s"),
                retryAfter, limit);
    }

    private static int intHeader(Response response, String name) {
        try {
            String value = response.header(name);
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The {@code message} of an error body, or short plain text, or nothing. */
    static String message(Response response) {
        try {
            return ErrorText.message(response.peekBody(64 * 1024).bytes());
        } catch (IOException | IllegalStateException e) {
            return "";
        }
    }
}
