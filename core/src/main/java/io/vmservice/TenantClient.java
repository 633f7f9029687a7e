package io.vmservice;

import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.util.List;

/**
 * One user's view of the client: it creates sandboxes for that user and reaches only theirs.
 * Another user's sandbox is reported exactly like one that does not exist, so ids reveal nothing.
 */
public final class TenantClient extends SandboxOperations {

    private final VmServiceClient client;
    private final String userId;

    TenantClient(VmServiceClient client, String userId) {
        this.client = client;
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }

    public SandboxInfo createSandbox() {
        return client.createSandbox(userId);
    }

    public SandboxInfo createSandbox(SandboxConfig config) {
        return client.createSandbox(userId, config);
    }

    public List<SandboxInfo> listSandboxes() {
        return client.listUserSandboxes(userId);
    }

    /** @return false when this user has no such live sandbox */
    public boolean destroySandbox(String sandboxId) {
        return owns(sandboxId) && client.destroySandbox(sandboxId);
    }

    /** Destroys all of this user's sandboxes; returns how many. */
    public int cleanup() {
        return client.cleanupUserSandboxes(userId);
    }

    @Override
    SandboxRegistry.Entry entry(String sandboxId) {
        SandboxRegistry.Entry entry;
        try {
            entry = client.entry(sandboxId);
        } catch (SandboxNotFoundException e) {
            throw new SandboxNotFoundException(sandboxId);
        }
        if (!entry.info().userId().equals(userId)) {
            throw new SandboxNotFoundException(sandboxId);
        }
        return entry;
    }

    private boolean owns(String sandboxId) {
        return client.entriesOf(userId).stream().anyMatch(e -> e.info().sandboxId().equals(sandboxId));
    }
}
