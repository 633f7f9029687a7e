package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.SlotStats;
import io.vmservice.VmServiceClient;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * E2B's team concurrency limit, over real HTTP against the protocol server set to a team of 2:
 * the 429 on create (E2B made nothing) teaches a waiting client the team's limit, the create
 * keeps its place until one of the client's own sandboxes is gone, and no create beyond the
 * limit is sent again.
 */
class ConcurrencyLimitTest {

    private static final SandboxConfig DESKTOP = SandboxConfig.builder().template("desktop").build();

    @Test
    void a429OnCreateBecomesTheLimitAndTheCreateWaitsForOneOfOurSandboxesToEnd() throws Exception {
        try (ProtocolFixture fixture = ProtocolFixture.start()) {
            fixture.server.teamConcurrencyLimit(2);
            try (VmServiceClient client = VmServiceClient.builder().provider(fixture.provider)
                    .maxConcurrentSandboxes(5).slotTimeout(Duration.ofSeconds(90)).build()) {
                SandboxInfo first = client.createSandbox("ci", DESKTOP);
                client.createSandbox("ci", DESKTOP);

                CompletableFuture<SandboxInfo> third = CompletableFuture.supplyAsync(() -> client.createSandbox("ci", DESKTOP));
                await("E2B's 429").atMost(Duration.ofSeconds(30)).until(() -> client.slotStats().providerRefusals() == 1);
                assertThat(client.slotStats()).extracting(SlotStats::limit, SlotStats::inUse, SlotStats::waiting)
                        .containsExactly(2, 2, 1);
                assertThat(creates(fixture)).containsExactly("POST /sandboxes -> 201", "POST /sandboxes -> 201",
                        "POST /sandboxes -> 429");

                // Past the retry pause, with both of its sandboxes running, the client asks E2B nothing more.
                int requests = fixture.server.controlPlaneLog().size();
                await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                        .until(() -> fixture.server.controlPlaneLog().size() == requests && !third.isDone());
                // A create that may not wait is refused by the client itself, at the limit E2B reported.
                assertThatThrownBy(() -> client.createSandbox("ci", DESKTOP, Duration.ZERO))
                        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                            assertThat(e.limit()).isEqualTo(2);
                            assertThat(e.getMessage()).contains("the e2b provider's concurrency limit");
                        });
                assertThat(fixture.server.controlPlaneLog()).hasSize(requests);

                client.destroySandbox(first.sandboxId());
                SandboxInfo got = third.get(60, TimeUnit.SECONDS);

                assertThat(got.userId()).isEqualTo("ci");
                List<String> exchanges = fixture.openApi.checked();
                assertThat(exchanges.subList(exchanges.indexOf("POST /sandboxes -> 429"), exchanges.size()))
                        .as("the create was sent again only after one of ours was killed")
                        .filteredOn(line -> line.startsWith("POST /sandboxes") || line.startsWith("DELETE"))
                        .containsExactly("POST /sandboxes -> 429",
                                exchanges.stream().filter(line -> line.startsWith("DELETE")).findFirst().orElseThrow(),
                                "POST /sandboxes -> 201");
                assertThat(client.slotStats()).extracting(SlotStats::waits, SlotStats::providerRefusals, SlotStats::inUse)
                        .containsExactly(1, 1, 2);
                assertThat(fixture.server.runningSandboxes()).isEqualTo(2);
            }
            assertThat(fixture.server.runningSandboxes()).as("closing the client killed its sandboxes").isZero();
            fixture.openApi.assertNoViolations();
        }
    }

    private static List<String> creates(ProtocolFixture fixture) {
        return fixture.openApi.checked().stream().filter(line -> line.startsWith("POST /sandboxes ")).toList();
    }
}
