package io.vmservice.provider.e2b;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One sandbox as E2B lists or describes it (OpenAPI schemas {@code SandboxDetail} and
 * {@code ListedSandbox}). A listing carries no access token; {@code GET /sandboxes/{id}} does,
 * which is what lets a client re-attach knowing only the id.
 *
 * @param state {@code running} or {@code paused}
 */
public record SandboxDetail(String sandboxId, String templateId, String alias, Instant startedAt, Instant endAt,
                            String state, int cpuCount, int memoryMb, String envdVersion, Secret envdAccessToken,
                            String domain, Map<String, String> metadata) {

    @JsonCreator
    static SandboxDetail fromJson(@JsonProperty("sandboxID") String sandboxId,
                                  @JsonProperty("templateID") String templateId,
                                  @JsonProperty("alias") String alias,
                                  @JsonProperty("startedAt") String startedAt,
                                  @JsonProperty("endAt") String endAt,
                                  @JsonProperty("state") String state,
                                  @JsonProperty("cpuCount") int cpuCount,
                                  @JsonProperty("memoryMB") int memoryMb,
                                  @JsonProperty("envdVersion") String envdVersion,
                                  @JsonProperty("envdAccessToken") String envdAccessToken,
                                  @JsonProperty("domain") String domain,
                                  @JsonProperty("metadata") Map<String, String> metadata) {
        return new SandboxDetail(sandboxId, templateId, alias, instant(startedAt), instant(endAt), state, cpuCount,
                memoryMb, envdVersion, Secret.ofNullable(envdAccessToken), domain == null || domain.isBlank() ? null : domain,
                metadata == null ? Map.of() : Map.copyOf(metadata));
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** The same sandbox in the shape create and connect return, for reaching its envd. */
    RunningSandbox access() {
        return new RunningSandbox(sandboxId, templateId, envdVersion, envdAccessToken, domain, alias);
    }

    private static Instant instant(String rfc3339) {
        return rfc3339 == null ? null : java.time.OffsetDateTime.parse(rfc3339).toInstant();
    }

    @Override
    public String toString() {
        return "SandboxDetail{sandboxID=" + sandboxId + ", templateID=" + templateId + ", state=" + state
                + ", startedAt=" + startedAt + ", endAt=" + endAt + ", metadata=" + metadata
                + ", envdAccessToken=" + (envdAccessToken == null ? "none" : "***") + "}";
    }
}
