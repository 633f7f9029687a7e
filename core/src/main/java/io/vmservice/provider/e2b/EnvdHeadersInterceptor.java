package io.vmservice.provider.e2b;

import java.io.IOException;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds what every envd request of one sandbox carries: the access token of a secure sandbox,
 * the shared-host routing headers, and the Linux user for envd before 0.4.0 (which has no
 * default user).
 */
final class EnvdHeadersInterceptor implements Interceptor {

    static final String ACCESS_TOKEN = "X-Access-Token";

    private final Secret accessToken;
    private final Map<String, String> routingHeaders;
    private final String basicUser;

    EnvdHeadersInterceptor(Secret accessToken, Map<String, String> routingHeaders, String basicUser) {
        this.accessToken = accessToken;
        this.routingHeaders = routingHeaders;
        this.basicUser = basicUser;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request.Builder request = chain.request().newBuilder();
        routingHeaders.forEach(request::header);
        if (accessToken != null) {
            request.header(ACCESS_TOKEN, accessToken.reveal());
        }
        if (basicUser != null) {
            request.header("Authorization", okhttp3.Credentials.basic(basicUser, ""));
        }
        return chain.proceed(request.build());
    }

    @Override
    public String toString() {
        return "EnvdHeadersInterceptor[token=" + (accessToken == null ? "none" : "***") + "]";
    }
}
