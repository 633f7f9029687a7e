package io.vmservice.provider.e2b;

import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Where a sandbox's envd (port 49983) answers, in E2B's three ways: host-based
 * {@code https://49983-<id>.<domain>} (the default), {@code http://localhost:49983} in debug
 * mode, or a shared host (a given base URL) with the {@code E2b-Sandbox-Id} and
 * {@code E2b-Sandbox-Port} routing headers, as E2B's edge accepts on {@code sandbox.<domain>},
 * {@code localhost} or an IP address.
 */
record EnvdAddress(HttpUrl baseUrl, Map<String, String> routingHeaders) {

    static final int ENVD_PORT = 49983;

    static EnvdAddress hostBased(String sandboxId, String domain) {
        return new EnvdAddress(HttpUrl.get("https://" + ENVD_PORT + "-" + sandboxId + "." + domain), Map.of());
    }

    static EnvdAddress debug() {
        return new EnvdAddress(HttpUrl.get("http://localhost:" + ENVD_PORT), Map.of());
    }

    static EnvdAddress sharedHost(HttpUrl baseUrl, String sandboxId) {
        return new EnvdAddress(baseUrl, Map.of("E2b-Sandbox-Id", sandboxId, "E2b-Sandbox-Port", Integer.toString(ENVD_PORT)));
    }

    /** Where a port other than envd's (noVNC's 6080) is served, in the host-based shape. */
    static String portUrl(int port, String sandboxId, String domain, boolean debug) {
        return debug ? "http://localhost:" + port : "https://" + port + "-" + sandboxId + "." + domain;
    }
}
