package io.vmservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.SandboxProvider;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.Screenshot;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code client.async()} mirrors the client: every public operation has a twin of the same name
 * and parameters, every twin has its original with the matching result, and a twin runs its
 * original (checked on a provider whose sandboxes are maps and canned answers, no desktop).
 */
class AsyncTwinTest {

    /** The client's own lifecycle, not operations on sandboxes. */
    private static final Set<String> NOT_OPERATIONS = Set.of("close()", "async()");

    @Test
    void everyPublicOperationOfTheClientHasAnAsyncTwin() {
        assertThat(missingTwins(VmServiceClient.class, AsyncVmServiceClient.class, NOT_OPERATIONS)).isEmpty();
        assertThat(missingTwins(TenantClient.class, AsyncTenantClient.class, Set.of())).isEmpty();
    }

    @Test
    void everyTwinHasAnOriginalWithTheSameResult() {
        assertThat(AsyncTwins.mismatches(AsyncVmServiceClient.class, VmServiceClient.class)).isEmpty();
        assertThat(AsyncTwins.mismatches(AsyncTenantClient.class, TenantClient.class)).isEmpty();
    }

    @Test
    void theChecksFindADriftedTwin() {
        assertThat(missingTwins(Sync.class, Drifted.class, Set.of())).containsExactly("readFileBytes(String, String)");
        assertThat(AsyncTwins.mismatches(Drifted.class, Sync.class)).containsExactlyInAnyOrder(
                "readFile(String, String): returns java.util.concurrent.CompletableFuture<byte[]> for java.lang.String",
                "fly(String): no such method in Sync");
    }

    @Test
    void aTwinRunsItsOriginalOnThePool() {
        try (VmServiceClient client = VmServiceClient.builder().provider(new MapProvider()).build()) {
            AsyncVmServiceClient async = client.async();
            String id = async.createSandbox("user1").join().sandboxId();

            async.writeFile(id, "/tmp/a.bin", new byte[] {1, 2, 3}).join();
            assertThat(async.readFileBytes(id, "/tmp/a.bin").join()).containsExactly(1, 2, 3);
            assertThat(async.runCommand(id, "echo hi").join().stdout()).isEqualTo("ran: echo hi");
            assertThat(async.getLogs(id).join()).isEqualTo("logs of " + id);
            assertThat(async.setTimeout(id, Duration.ofMinutes(3)).join().expiresAt())
                    .isEqualTo(client.getSandboxInfo(id).expiresAt());
            assertThat(async.providerName()).isEqualTo("maps");
            assertThat(async.slotStats().inUse()).isEqualTo(1);
            assertThat(async.getStats().join()).isEqualTo(client.getStats());

            AsyncTenantClient tenant = async.forUser("user1");
            assertThat(tenant.userId()).isEqualTo("user1");
            assertThat(tenant.listSandboxes().join()).extracting(SandboxInfo::sandboxId).containsExactly(id);
            assertThat(async.forUser("user2").readFile(id, "/tmp/a.bin").handle((v, e) -> e.getCause()).join())
                    .isInstanceOf(SandboxNotFoundException.class);
            assertThat(tenant.cleanup().join()).isEqualTo(1);
        }
    }

    @Test
    void aTwinFailsWithTheOriginalsTypedErrorAndAfterCloseWithClientClosed() {
        VmServiceClient client = VmServiceClient.builder().provider(new MapProvider()).build();
        AsyncVmServiceClient async = client.async();
        CompletableFuture<SandboxInfo> missing = async.getSandboxInfo("nope");
        assertThatThrownBy(missing::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(SandboxNotFoundException.class);

        client.close();
        assertThat(async.getStats().handle((v, e) -> e).join())
                .isInstanceOfSatisfying(VmServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCodes.CLIENT_CLOSED));
    }

    /** The public instance operations of {@code sync} that {@code async} has no method for. */
    static List<String> missingTwins(Class<?> sync, Class<?> async, Set<String> excluded) {
        List<String> missing = new ArrayList<>();
        for (Method method : sync.getMethods()) {
            String signature = AsyncTwins.signature(method);
            if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())
                    || excluded.contains(signature)) {
                continue;
            }
            if (Arrays.stream(async.getMethods()).noneMatch(twin -> twin.getName().equals(method.getName())
                    && Arrays.equals(twin.getParameterTypes(), method.getParameterTypes()))) {
                missing.add(signature);
            }
        }
        return missing;
    }

    /** A synchronous API and a twin that drifted from it: one missing, one wrong result, one invented. */
    public interface Sync {
        String readFile(String sandboxId, String path);

        byte[] readFileBytes(String sandboxId, String path);
    }

    public interface Drifted {
        CompletableFuture<byte[]> readFile(String sandboxId, String path);

        CompletableFuture<Void> fly(String sandboxId);
    }

    /** Sandboxes whose files are a map and whose commands answer what they were asked. */
    private static final class MapProvider implements SandboxProvider {

        @Override
        public String name() {
            return "maps";
        }

        @Override
        public ProviderSandbox create(String sandboxId, SandboxConfig config) {
            return new MapSandbox(sandboxId, config);
        }

        @Override
        public void close() {
            // Nothing outlives the sandboxes' maps.
        }
    }

    private record MapSandbox(String id, SandboxConfig config, Map<String, byte[]> files) implements ProviderSandbox {

        MapSandbox(String id, SandboxConfig config) {
            this(id, config, new ConcurrentHashMap<>());
        }

        @Override
        public CommandResult exec(DesktopCommand command, Duration timeout) {
            return new CommandResult(0, "", "");
        }

        @Override
        public CommandResult run(String commandLine, Duration timeout) {
            return new CommandResult(0, "ran: " + commandLine, "");
        }

        @Override
        public BackgroundProcess startBackground(DesktopCommand command) {
            throw new UnsupportedOperationException("no programs run in a map");
        }

        @Override
        public void writeFile(String path, byte[] content) {
            files.put(path, content.clone());
        }

        @Override
        public byte[] readFile(String path) {
            return files.getOrDefault(path, "missing".getBytes(StandardCharsets.UTF_8)).clone();
        }

        @Override
        public Screenshot screenshot() {
            throw new UnsupportedOperationException("a map has no screen");
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public String logs() {
            return "logs of " + id;
        }

        @Override
        public void close() {
            files.clear();
        }
    }
}
