package io.vmservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.exception.SlotTimeoutException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Creates that wait for a sandbox slot, on real local sandboxes (the light template). */
class SlotWaitTest {

    private static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();

    /** Records each wait's step, as Allure would show it. */
    private static final class RecordedSteps implements StepReporter {
        final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public <T> T step(String name, Supplier<T> action) {
            names.add(name);
            return action.get();
        }
    }

    @Test
    void waitingCreatesGetTheirSlotsInTheOrderTheyCame() throws Exception {
        RecordedSteps steps = new RecordedSteps();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(1)
                .slotTimeout(Duration.ofSeconds(60)).steps(steps).build()) {
            SandboxInfo holder = client.createSandbox("ci", MINIMAL);
            List<Integer> served = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> waiters = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int arrival = i;
                waiters.add(CompletableFuture.runAsync(() -> {
                    SandboxInfo mine = client.createSandbox("user" + arrival, MINIMAL);
                    served.add(arrival);
                    client.destroySandbox(mine.sandboxId());
                }, threads));
                // The next one arrives only once this one is in line.
                await().atMost(Duration.ofSeconds(10)).until(() -> client.slotStats().waiting() == arrival);
            }
            assertThat(steps.names).containsExactly(
                    "waiting for a sandbox slot: 1 in use, 0 ahead",
                    "waiting for a sandbox slot: 1 in use, 1 ahead",
                    "waiting for a sandbox slot: 1 in use, 2 ahead",
                    "waiting for a sandbox slot: 1 in use, 3 ahead");

            client.destroySandbox(holder.sandboxId());
            CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(served).containsExactly(1, 2, 3, 4);
            SlotStats stats = client.slotStats();
            assertThat(stats.waits()).isEqualTo(4);
            assertThat(stats.inUse()).isZero();
            assertThat(stats.longestWait()).isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(stats.totalWait());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSlotTimeoutOutOfRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> VmServiceClient.builder().slotTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("between zero (fail at once) and 24 hours");
        assertThatThrownBy(() -> VmServiceClient.builder().slotTimeout(Duration.ofDays(2)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("PT48H");
    }

    @Test
    void aCreateThatGetsNoSlotInTimeFailsNamingTheLimitAndTheWait() {
        try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(2).build()) {
            client.createSandbox("ci", MINIMAL);
            client.createSandbox("ci", MINIMAL);

            long start = System.nanoTime();
            assertThatThrownBy(() -> client.createSandbox("ci", MINIMAL, Duration.ofMillis(1500)))
                    .isInstanceOfSatisfying(SlotTimeoutException.class, e -> {
                        assertThat(e.limit()).isEqualTo(2);
                        assertThat(e.currentUsage()).isEqualTo(2);
                        assertThat(e.waited()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
                        assertThat(e.errorCode()).isEqualTo("SLOT_TIMEOUT");
                        assertThat(e.details()).containsEntry("limit", 2).containsKey("waited_ms");
                        assertThat(e.getMessage()).startsWith("no sandbox slot came free within 1.5 s (waited ")
                                .contains("2 of 2 slots are in use (limit: maxConcurrentSandboxes)")
                                .contains("Nothing was booted");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.getStats().totalActiveSandboxes()).isEqualTo(2);
            assertThat(client.slotStats().waiting()).isZero();

            // Without a wait, the seed's answer: refused at once.
            assertThatThrownBy(() -> client.createSandbox("ci", MINIMAL))
                    .isExactlyInstanceOf(QuotaExceededException.class)
                    .hasMessageContaining("its limit (maxConcurrentSandboxes) is 2");
        }
    }
}
