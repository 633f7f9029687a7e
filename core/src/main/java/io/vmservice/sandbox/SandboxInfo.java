package io.vmservice.sandbox;

import io.vmservice.screen.Resolution;
import java.time.Instant;

/**
 * What the client knows about one live sandbox.
 *
 * @param sandboxId the id every operation takes
 * @param sessionId a second id for the user's session, as the seed SDK returns (stable for the sandbox's life)
 * @param expiresAt when the client destroys the sandbox unless its timeout is extended
 */
public record SandboxInfo(String sandboxId, String sessionId, String userId, String template,
                          SandboxStatus status, Instant createdAt, Instant expiresAt, Resolution resolution) {

    /** The same sandbox with another expiry time, as setting its timeout gives it. */
    public SandboxInfo withExpiry(Instant newExpiry) {
        return new SandboxInfo(sandboxId, sessionId, userId, template, status, createdAt, newExpiry, resolution);
    }
}
