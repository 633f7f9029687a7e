package io.vmservice;

import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One user's view of the client ({@link TenantClient}) returning {@code CompletableFuture}s, from
 * {@link AsyncVmServiceClient#forUser}; each method runs the tenant view's method of the same name
 * and parameters on the client's pool.
 */
public interface AsyncTenantClient extends AsyncSandboxOperations {

    String userId();

    CompletableFuture<SandboxInfo> createSandbox();

    CompletableFuture<SandboxInfo> createSandbox(SandboxConfig config);

    CompletableFuture<List<SandboxInfo>> listSandboxes();

    CompletableFuture<Boolean> destroySandbox(String sandboxId);

    CompletableFuture<Integer> cleanup();
}
