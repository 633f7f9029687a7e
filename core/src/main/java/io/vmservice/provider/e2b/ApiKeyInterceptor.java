package io.vmservice.provider.e2b;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Signs every control-plane request with the team's API key. */
final class ApiKeyInterceptor implements Interceptor {

    static final String HEADER = "X-API-Key";

    private final Secret apiKey;

    ApiKeyInterceptor(Secret apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header(HEADER, apiKey.reveal()).build());
    }

    @Override
    public String toString() {
        return "ApiKeyInterceptor[***]";
    }
}
