package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.exception.RateLimitException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries and rate limits against canned answers from the protocol server, as E2B's rate limiter
 * (429 with RateLimit headers) and edge (502) give them: safe requests are retried after
 * the server's hint or a backoff; creation is never retried.
 */
class RetryAndRateLimitTest {

    private static final String RATE_LIMITED = "{\"code\":429,\"message\":\"Rate limit exceeded\"}";
    private static ProtocolFixture fixture;
    private static ControlPlaneClient api;

    @BeforeAll
    static void start() {
        fixture = ProtocolFixture.start(b -> b.retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(2))));
        api = fixture.provider.controlPlane();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void matchesTheSpec() {
        assertThat(fixture.server.faults().pendingControlPlane()).as("every canned answer was used").isZero();
        fixture.openApi.assertNoViolations();
    }

    @Test
    void a429IsRetriedAfterRateLimitReset() {
        fixture.server.faults().answerNext(1, "GET", "/v2/sandboxes", 429,
                Map.of("RateLimit-Limit", "20000", "RateLimit-Remaining", "0", "RateLimit-Reset", "1"), RATE_LIMITED);
        long start = System.nanoTime();
        assertThat(api.list(SandboxQuery.all(), null).sandboxes()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for RateLimit-Reset").isGreaterThan(Duration.ofMillis(950));
        assertThat(fixture.openApi.checked()).containsSubsequence("GET /v2/sandboxes -> 429", "GET /v2/sandboxes -> 200");
    }

    @Test
    void aResetLongerThanThePolicyAllowsFailsAtOnceWithTheHint() {
        fixture.server.faults().answerNext(1, "GET", "/v2/sandboxes", 429,
                Map.of("RateLimit-Limit", "20000", "RateLimit-Remaining", "0", "RateLimit-Reset", "30"), RATE_LIMITED);
        assertThatThrownBy(() -> api.list(SandboxQuery.all(), null))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.details()).containsEntry("limit", 20000);
                    assertThat(e.errorCode()).isEqualTo("RATE_LIMITED");
                });
    }

    @Test
    void creatingASandboxIsNeverRetried() {
        fixture.server.faults().answerNext(1, "POST", "/sandboxes", 429, Map.of("Retry-After", "1"), RATE_LIMITED);
        int before = fixture.server.controlPlaneLog().size();
        assertThatThrownBy(() -> api.create(new NewSandbox("base", 60, true, true, null, null)))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(fixture.server.controlPlaneLog().subList(before, fixture.server.controlPlaneLog().size()))
                .containsExactly("POST /sandboxes");
    }

    @Test
    void theConcurrencyLimitIsAQuota() {
        fixture.server.faults().answerNext(1, "POST", "/sandboxes", 429, Map.of(),
                "{\"code\":429,\"message\":\"you have reached the maximum number of concurrent E2B sandboxes (20). Please contact us.\"}");
        assertThatThrownBy(() -> api.create(new NewSandbox("base", 60, true, true, null, null)))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.limit()).isEqualTo(20));
    }

    @Test
    void a502FromTheEdgeIsRetriedForSafeRequests() {
        RunningSandbox created = api.create(new NewSandbox("base", 60, true, true, null, null));
        fixture.server.faults().answerNext(2, "DELETE", "/sandboxes/.*", 502,
                Map.of(), "{\"sandboxId\":\"" + created.sandboxId() + "\",\"message\":\"The sandbox was not found\",\"code\":502}");
        assertThat(api.kill(created.sandboxId())).isTrue();
        assertThat(fixture.openApi.checked()).containsSubsequence("DELETE /sandboxes/" + created.sandboxId() + " -> 502",
                "DELETE /sandboxes/" + created.sandboxId() + " -> 502", "DELETE /sandboxes/" + created.sandboxId() + " -> 204");
    }

    @Test
    void a502ThatOutlastsTheRetriesIsProviderUnavailable() {
        fixture.server.faults().answerNext(4, "GET", "/v2/sandboxes", 502, Map.of(),
                "{\"code\":502,\"message\":\"bad gateway\"}");
        assertThatThrownBy(() -> api.list(SandboxQuery.all(), null))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("502");
    }

    @Test
    void connectionFailuresAreRetriedThenReportedAsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fixture.httpLog.clear();
        try (E2bProvider nowhere = fixture.builder().apiUrl("http://127.0.0.1:" + closedPort)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(2))).build()) {
            assertThatThrownBy(() -> nowhere.controlPlane().get("abc"))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("unreachable");
        }
        assertThat(fixture.httpLog.stream().filter(l -> l.startsWith("--> GET"))).as("first try and 3 retries").hasSize(4);
    }
}
