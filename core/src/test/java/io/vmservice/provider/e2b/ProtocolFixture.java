package io.vmservice.provider.e2b;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * A protocol server and a provider pointed at it, with every control-plane exchange checked
 * against E2B's OpenAPI spec and every HTTP log line kept. Closing it closes both.
 */
final class ProtocolFixture implements AutoCloseable {

    final E2bProtocolServer server;
    final OpenApiValidatingInterceptor openApi;
    final E2bProvider provider;
    final List<String> httpLog = new CopyOnWriteArrayList<>();
    private final OkHttpClient http;

    private ProtocolFixture(UnaryOperator<E2bProvider.Builder> options) {
        server = new E2bProtocolServer(E2bProtocolServer.newApiKey());
        openApi = new OpenApiValidatingInterceptor(server.controlPlanePort());
        http = new OkHttpClient.Builder().addNetworkInterceptor(openApi).build();
        provider = options.apply(builder()).build();
    }

    static ProtocolFixture start() {
        return new ProtocolFixture(UnaryOperator.identity());
    }

    static ProtocolFixture start(UnaryOperator<E2bProvider.Builder> options) {
        return new ProtocolFixture(options);
    }

    /** A builder for another provider against the same server, sharing the checks. */
    E2bProvider.Builder builder() {
        return E2bProvider.builder()
                .apiKey(server.apiKey())
                .apiUrl(server.apiUrl())
                .envdUrl(server.envdUrl())
                .okHttpClient(http)
                .noVncDirectory("/usr/share/novnc")
                .httpLogger(httpLog::add);
    }

    /** A bare E2B sandbox (no desktop started) and a client for its envd. */
    Remote createRemote(String template) {
        RunningSandbox remote = provider.controlPlane().create(new NewSandbox(template, 120, true, false,
                java.util.Map.of("DISPLAY", ":0", "GREETING", "hello from envVars"), java.util.Map.of("suite", "e2b-tests")));
        return new Remote(remote, provider.envd(remote));
    }

    record Remote(RunningSandbox sandbox, EnvdClient envd) {
        EnvdProcesses processes() {
            return new EnvdProcesses(envd);
        }

        EnvdFilesystem files() {
            return new EnvdFilesystem(envd, sandbox.envdVersion());
        }

        String id() {
            return sandbox.sandboxId();
        }
    }

    @Override
    public void close() {
        try {
            provider.close();
        } finally {
            server.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
