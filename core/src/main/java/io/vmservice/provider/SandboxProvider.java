package io.vmservice.provider;

import io.vmservice.sandbox.SandboxConfig;

/**
 * Makes sandboxes: the local provider on this machine, the E2B provider in E2B's cloud. The
 * client above it handles tenancy, quotas and timeouts; a provider only creates and runs.
 */
public interface SandboxProvider extends AutoCloseable {

    /** A short name for logs and messages: {@code local} or {@code e2b}. */
    String name();

    /**
     * Creates a sandbox and returns it only once its desktop takes input.
     *
     * @param sandboxId an id chosen by the caller, unique among live sandboxes
     * @throws io.vmservice.exception.QuotaExceededException only when a limit of the provider's own
     *         (E2B's team concurrency limit) refused the sandbox before anything was made, so that
     *         trying again once a sandbox has ended is safe; its {@code limit()} is the provider's
     */
    ProviderSandbox create(String sandboxId, SandboxConfig config);

    /**
     * Creates a sandbox for a user; providers that can label sandboxes (E2B's metadata) record the
     * user, the others ignore it.
     */
    default ProviderSandbox create(String sandboxId, String userId, SandboxConfig config) {
        return create(sandboxId, config);
    }

    /** Destroys every sandbox this provider still holds. */
    @Override
    void close();
}
