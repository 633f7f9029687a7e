package io.vmservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.SandboxStatus;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The seed's service API on real local sandboxes (the light template, to keep boots short). */
class VmServiceClientTest {

    private static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void createsDrivesListsAndDestroysASandbox() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            Instant before = Instant.now();
            SandboxInfo info = client.createSandbox("user123", MINIMAL.toBuilder().timeout(Duration.ofMinutes(30)).build());
            String id = info.sandboxId();

            assertThat(id).matches("[a-z0-9]{20}");
            assertThat(info.sessionId()).isNotBlank().isNotEqualTo(id);
            assertThat(info.userId()).isEqualTo("user123");
            assertThat(info.template()).isEqualTo("minimal");
            assertThat(info.status()).isEqualTo(SandboxStatus.RUNNING);
            assertThat(info.createdAt()).isAfterOrEqualTo(before);
            assertThat(info.expiresAt()).isEqualTo(info.createdAt().plus(Duration.ofMinutes(30)));
            assertThat(client.getSandboxInfo(id)).isEqualTo(info);
            assertThat(client.listUserSandboxes("user123")).containsExactly(info);
            assertThat(client.getStats()).isEqualTo(new ServiceStats(1, 1, java.util.Map.of("user123", 1)));

            client.writeFile(id, "/home/user/test.txt", "Hello!");
            assertThat(client.readFile(id, "/home/user/test.txt")).isEqualTo("Hello!");
            CommandResult ls = client.runCommand(id, "ls -la /home/user", TEN_SECONDS);
            assertThat(ls.exitCode()).isZero();
            assertThat(ls.stdout()).contains("test.txt");
            client.moveMouse(id, 300, 400);
            assertThat(client.getCursorPosition(id)).isEqualTo(new io.vmservice.screen.Point(300, 400));
            Screenshot png = Screenshot.fromPng(client.screenshot(id));
            assertThat(png.width()).isEqualTo(1024);
            assertThat(png.argb(5, 5)).isEqualTo(0xFF3A6EA5);

            assertThat(client.destroySandbox(id)).isTrue();
            assertThat(client.destroySandbox(id)).isFalse();
            assertThatThrownBy(() -> client.getSandboxInfo(id)).isInstanceOf(SandboxNotFoundException.class);
            assertThat(client.getStats().totalActiveSandboxes()).isZero();
        }
    }

    @Test
    void fiftyConcurrentCreatesAgainstALimitOfTenGiveExactlyTen() throws Exception {
        try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(10).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SandboxInfo>> attempts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String user = "user" + (i % 5);
                attempts.add(threads.submit(() -> {
                    start.await();
                    return client.createSandbox(user, MINIMAL);
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            int created = 0;
            List<QuotaExceededException> refused = new ArrayList<>();
            for (Future<SandboxInfo> attempt : attempts) {
                try {
                    attempt.get(120, TimeUnit.SECONDS);
                    created++;
                } catch (java.util.concurrent.ExecutionException e) {
                    refused.add((QuotaExceededException) e.getCause());
                }
            }
            threads.shutdown();
            System.out.printf("50 concurrent creates, limit 10: %d created, %d refused, %.1f s%n",
                    created, refused.size(), (System.nanoTime() - t0) / 1e9);

            assertThat(created).isEqualTo(10);
            assertThat(refused).hasSize(40).allSatisfy(e -> {
                assertThat(e.limit()).isEqualTo(10);
                assertThat(e.currentUsage()).isEqualTo(10);
                assertThat(e.toMap()).containsEntry("error_code", "QUOTA_EXCEEDED");
            });
            assertThat(client.getStats().totalActiveSandboxes()).isEqualTo(10);
            assertThat(client.cleanupAllSandboxes()).isEqualTo(10);
        }
    }

    @Test
    void aUserCannotSeeOrDriveAnotherUsersSandbox() {
        try (VmServiceClient client = VmServiceClient.builder().maxSandboxesPerUser(1).build()) {
            TenantClient alice = client.forUser("alice");
            TenantClient bob = client.forUser("bob");
            SandboxInfo bobs = bob.createSandbox(MINIMAL);

            assertThatThrownBy(() -> alice.getSandboxInfo(bobs.sandboxId()))
                    .isInstanceOf(SandboxNotFoundException.class)
                    .hasMessage(new SandboxNotFoundException(bobs.sandboxId()).getMessage());
            assertThatThrownBy(() -> alice.runCommand(bobs.sandboxId(), "id", TEN_SECONDS))
                    .isInstanceOf(SandboxNotFoundException.class);
            assertThatThrownBy(() -> alice.screenshot(bobs.sandboxId())).isInstanceOf(SandboxNotFoundException.class);
            assertThat(alice.destroySandbox(bobs.sandboxId())).isFalse();
            assertThat(alice.listSandboxes()).isEmpty();
            assertThat(alice.cleanup()).isZero();

            assertThat(bob.runCommand(bobs.sandboxId(), "echo still here", TEN_SECONDS).stdout()).isEqualTo("still here\n");
            assertThatThrownBy(() -> bob.createSandbox(MINIMAL)).isInstanceOfSatisfying(QuotaExceededException.class,
                    e -> assertThat(e.getMessage()).contains("maxSandboxesPerUser"));
            assertThat(bob.cleanup()).isEqualTo(1);
        }
    }

    @Test
    void aSandboxPastItsTimeoutIsDestroyedAndReadsAsNotFound() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            SandboxInfo info = client.createSandbox("user1", MINIMAL.toBuilder().timeout(Duration.ofSeconds(2)).build());
            SandboxInfo extended = client.setTimeout(info.sandboxId(), Duration.ofSeconds(3));
            assertThat(extended.expiresAt()).isAfter(info.expiresAt());

            await("the client to destroy the expired sandbox").atMost(TEN_SECONDS)
                    .until(() -> client.getStats().totalActiveSandboxes() == 0);
            assertThat(Instant.now()).isAfterOrEqualTo(extended.expiresAt());
            assertThatThrownBy(() -> client.runCommand(info.sandboxId(), "true", TEN_SECONDS))
                    .isInstanceOf(SandboxNotFoundException.class);
        }
    }

    @Test
    void theAsyncClientRunsTheSameOperationsAsFutures() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            AsyncVmServiceClient async = client.async();
            CompletableFuture<CommandResult> result = async.createSandbox("user1", MINIMAL)
                    .thenCompose(info -> async.writeFile(info.sandboxId(), "/tmp/a.txt", "async")
                            .thenCompose(v -> async.runCommand(info.sandboxId(), "cat /tmp/a.txt", TEN_SECONDS)));
            assertThat(result.join().stdout()).isEqualTo("async");
            assertThat(async.cleanupAllSandboxes().join()).isEqualTo(1);
            assertThat(async.getSandboxInfo("nope").handle((v, e) -> e.getCause()).join())
                    .isInstanceOf(SandboxNotFoundException.class);
        }
    }

    @Test
    void closeDestroysEverySandboxTheClientMade() {
        VmServiceClient client = VmServiceClient.builder().build();
        SandboxInfo a = client.createSandbox("u1", MINIMAL);
        SandboxInfo b = client.createSandbox("u2", MINIMAL);
        client.close();
        assertThat(client.getStats().totalActiveSandboxes()).isZero();
        assertThatThrownBy(() -> client.getSandboxInfo(a.sandboxId())).isInstanceOf(SandboxNotFoundException.class);
        assertThatThrownBy(() -> client.createSandbox("u1", MINIMAL)).hasMessageContaining("closed");
        assertThat(b.sandboxId()).isNotEqualTo(a.sandboxId());
    }

    @Test
    void badArgumentsGetTypedErrorsNamingWhatIsWrong() {
        assertThatThrownBy(() -> VmServiceClient.builder().maxConcurrentSandboxes(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxConcurrentSandboxes");
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            assertThatThrownBy(() -> client.createSandbox("bad user; rm", MINIMAL))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("user id");
            assertThatThrownBy(() -> client.click("unknown", 1, 1)).isInstanceOf(SandboxNotFoundException.class);
            assertThatThrownBy(() -> StreamConfig.builder().frameRate(0).build()).hasMessageContaining("frameRate 0");
        }
    }
}
