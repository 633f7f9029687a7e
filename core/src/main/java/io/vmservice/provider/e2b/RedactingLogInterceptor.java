package io.vmservice.provider.e2b;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs each exchange in two lines (request with headers, status with time), with every
 * credential replaced by {@code ***}: the API key, envd access tokens, Basic credentials, the
 * traffic token, and URL parameters that carry a signature or a VNC password. Bodies are not
 * logged: they may hold file contents and access tokens.
 */
final class RedactingLogInterceptor implements Interceptor {

    private static final Set<String> SECRET_HEADERS = Set.of("x-api-key", "x-access-token", "authorization",
            "e2b-traffic-access-token", "cookie", "set-cookie");
    private static final Set<String> SECRET_PARAMETERS = Set.of("signature", "password", "token", "access_token");

    private final HttpLogger logger;

    RedactingLogInterceptor(HttpLogger logger) {
        this.logger = logger;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!logger.enabled()) {
            return chain.proceed(request);
        }
        String body = request.body() == null || request.body().contentType() == null ? ""
                : " (" + request.body().contentType() + ")";
        logger.log("--> " + request.method() + " " + redact(request.url()) + body + headers(request.headers()));
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            logger.log("<-- " + response.code() + " " + redact(request.url()) + " ("
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms)" + headers(response.headers()));
            return response;
        } catch (IOException e) {
            logger.log("<-- FAILED " + redact(request.url()) + ": " + e.getClass().getSimpleName());
            throw e;
        }
    }

    static String redact(HttpUrl url) {
        HttpUrl.Builder builder = url.newBuilder();
        for (String name : url.queryParameterNames()) {
            if (SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.setQueryParameter(name, "***");
            }
        }
        return builder.build().toString();
    }

    private static String headers(Headers headers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            out.append(i == 0 ? " [" : ", ").append(name).append(": ")
                    .append(SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? "***" : headers.value(i));
        }
        return out.length() == 0 ? "" : out.append(']').toString();
    }
}
