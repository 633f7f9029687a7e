package io.vmservice.provider.e2b;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /sandboxes} (OpenAPI schema {@code NewSandbox}), as E2B's desktop SDK
 * fills it. Note the one snake_case field, {@code allow_internet_access}.
 *
 * @param timeout seconds the sandbox may live; E2B kills it then unless it is extended
 * @param secure true to get an envd access token that every envd call must carry
 * @param envVars the default environment of every process (the desktop needs {@code DISPLAY})
 * @param metadata labels that listing can filter by (the owner, the caller's sandbox id)
 */
public record NewSandbox(
        @JsonProperty("templateID") String templateId,
        @JsonProperty("timeout") int timeout,
        @JsonProperty("secure") boolean secure,
        @JsonProperty("allow_internet_access") boolean allowInternetAccess,
        @JsonProperty("envVars") Map<String, String> envVars,
        @JsonProperty("metadata") Map<String, String> metadata) {

    public NewSandbox {
        envVars = envVars == null ? null : Map.copyOf(envVars);
        metadata = metadata == null ? null : Map.copyOf(metadata);
    }

    /** The same request with one more metadata pair. */
    public NewSandbox withMetadata(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        more.put(key, value);
        return new NewSandbox(templateId, timeout, secure, allowInternetAccess, envVars, more);
    }

    @Override
    public String toString() {
        return "NewSandbox{templateID=" + templateId + ", timeout=" + timeout + "s, secure=" + secure
                + ", allow_internet_access=" + allowInternetAccess + ", envVars="
                + (envVars == null ? "{}" : envVars.keySet()) + ", metadata=" + metadata + "}";
    }
}
