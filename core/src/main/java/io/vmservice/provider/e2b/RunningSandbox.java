package io.vmservice.provider.e2b;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What E2B answers to create and connect (OpenAPI schema {@code Sandbox}): enough to reach the
 * sandbox's envd. The access token is kept as a {@link Secret}, so printing this never shows it.
 *
 * @param domain where the sandbox's ports are served; null means the client's configured domain
 */
public record RunningSandbox(String sandboxId, String templateId, String envdVersion, Secret envdAccessToken,
                             String domain, String alias) {

    @JsonCreator
    static RunningSandbox fromJson(@JsonProperty("sandboxID") String sandboxId,
                                   @JsonProperty("templateID") String templateId,
                                   @JsonProperty("envdVersion") String envdVersion,
                                   @JsonProperty("envdAccessToken") String envdAccessToken,
                                   @JsonProperty("domain") String domain,
                                   @JsonProperty("alias") String alias) {
        return new RunningSandbox(sandboxId, templateId, envdVersion, Secret.ofNullable(envdAccessToken),
                domain == null || domain.isBlank() ? null : domain, alias);
    }

    public boolean secured() {
        return envdAccessToken != null;
    }

    @Override
    public String toString() {
        return "RunningSandbox{sandboxID=" + sandboxId + ", templateID=" + templateId + ", envdVersion=" + envdVersion
                + ", envdAccessToken=" + (envdAccessToken == null ? "none" : "***") + ", domain=" + domain + "}";
    }
}
