package io.vmservice.provider.e2b;

/**
 * A request tag marking a POST as safe to repeat (setting a timeout, connecting, envd's read-only
 * calls); GET, PUT and DELETE are safe by their method. {@link RetryInterceptor} retries only
 * safe requests.
 */
enum Idempotent {
    YES;

    static boolean isSafe(okhttp3.Request request) {
        return switch (request.method()) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> request.tag(Idempotent.class) != null;
        };
    }
}
