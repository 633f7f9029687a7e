package io.vmservice;

import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The client's operations as {@code CompletableFuture}s, like the seed SDK's async API, from
 * {@link VmServiceClient#async()}. Each runs the synchronous method of the same name and
 * parameters on a fixed pool with a bounded queue; when the queue is full the future fails at
 * once with error code {@code BUSY} instead of piling up work. What only reads the client's own
 * state ({@link #providerName()}, {@link #slotStats()}) answers at once, and {@link #forUser}
 * gives the tenant view's twin.
 *
 * <pre>{@code
 * client.async().createSandbox("user1")
 *         .thenCompose(info -> client.async().runCommand(info.sandboxId(), "uname -a"))
 *         .thenAccept(result -> System.out.println(result.stdout()));
 * }</pre>
 */
public interface AsyncVmServiceClient extends AsyncSandboxOperations {

    String providerName();

    CompletableFuture<SandboxInfo> createSandbox(String userId);

    CompletableFuture<SandboxInfo> createSandbox(String userId, SandboxConfig config);

    CompletableFuture<SandboxInfo> createSandbox(String userId, SandboxConfig config, Duration slotTimeout);

    SlotStats slotStats();

    CompletableFuture<List<SandboxInfo>> listUserSandboxes(String userId);

    CompletableFuture<Boolean> destroySandbox(String sandboxId);

    CompletableFuture<SandboxInfo> setTimeout(String sandboxId, Duration timeout);

    CompletableFuture<ServiceStats> getStats();

    CompletableFuture<Integer> cleanupUserSandboxes(String userId);

    CompletableFuture<Integer> cleanupAllSandboxes();

    /** The async twin of {@link VmServiceClient#forUser}: one user's view, on the same pool. */
    AsyncTenantClient forUser(String userId);
}
