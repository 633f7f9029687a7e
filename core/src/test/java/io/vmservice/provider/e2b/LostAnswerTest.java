package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Control-plane answers lost on the way, over real HTTP against the protocol server: a request
 * read and acted on and then the connection closed, an answer cut halfway, a pooled connection
 * the server had dropped, and a call that timed out after its request was sent. Every test counts
 * at the server how many sandboxes were made (never more than one per create) and how many still
 * run once the call has returned (none that the caller does not hold).
 */
class LostAnswerTest {

    private static final Duration SEARCH = Duration.ofSeconds(5);
    private static final Duration SHORT_SEARCH = Duration.ofMillis(1500);
    private static ProtocolFixture fixture;
    private static ControlPlaneClient api;
    private int createdBefore;
    private int logBefore;

    @BeforeAll
    static void start() {
        fixture = ProtocolFixture.start(b -> b.lostCreateSearch(SEARCH)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1))));
        api = fixture.provider.controlPlane();
        // The spec check's first exchange loads the spec, which takes seconds: not inside a test's timeout.
        api.listAll(SandboxQuery.all());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void count() {
        createdBefore = fixture.server.createdCount();
        logBefore = fixture.server.controlPlaneLog().size();
    }

    @AfterEach
    void nothingLeftAndAllAsTheSpecSays() {
        assertThat(running()).as("sandboxes still running at the server").isEmpty();
        assertThat(fixture.server.faults().pendingControlPlane()).as("every fault was used").isZero();
        fixture.openApi.assertNoViolations();
    }

    @Test
    void aCreateReadThenClosedMakesOneSandboxAndReturnsIt() {
        fixture.server.faults().loseNextAnswer("POST", "/sandboxes", Faults.LostAnswer.CLOSE_AFTER_ACTING, Duration.ZERO);
        RunningSandbox adopted = api.create(bare());
        assertAdoptedTheOneSandboxMade(adopted);
    }

    @Test
    void aCreateWhoseAnswerIsCutHalfwayMakesOneSandboxAndReturnsIt() {
        fixture.server.faults().loseNextAnswer("POST", "/sandboxes", Faults.LostAnswer.CUT_HALFWAY, Duration.ZERO);
        RunningSandbox adopted = api.create(bare());
        assertAdoptedTheOneSandboxMade(adopted);
    }

    @Test
    void aCreateThatTimesOutAfterItsRequestWasSentMakesOneSandboxAndReturnsIt() {
        // E2B makes the sandbox half a second after the client stopped waiting for the answer.
        fixture.server.faults().loseNextAnswer("POST", "/sandboxes", Faults.LostAnswer.LATE, Duration.ofMillis(1500));
        try (E2bProvider impatient = fixture.builder().requestTimeout(Duration.ofSeconds(1)).lostCreateSearch(SEARCH).build()) {
            RunningSandbox adopted = impatient.controlPlane().create(bare());
            assertThat(requests()).as("looked for, not found at first, then found")
                    .startsWith("POST /sandboxes", "GET /v2/sandboxes", "GET /v2/sandboxes");
            assertAdoptedTheOneSandboxMade(adopted);
        }
    }

    @Test
    void aStalePooledConnectionNeverCarriesACreate() {
        // A server of its own: its control plane is restarted, which the others' servers need not see.
        try (ProtocolFixture own = ProtocolFixture.start()) {
            ControlPlaneClient client = own.provider.controlPlane();
            assertThat(client.listAll(SandboxQuery.all())).isEmpty();
            own.server.dropControlPlaneConnections();
            own.httpLog.clear();

            RunningSandbox created = client.create(bare());
            assertThat(own.server.createdCount()).isEqualTo(1);
            assertThat(own.server.sandboxes()).extracting(s -> s.id).containsExactly(created.sandboxId());
            assertThat(own.httpLog).as("the create went out once and was answered")
                    .filteredOn(line -> line.contains("/sandboxes") && !line.contains("/v2/")).hasSize(2)
                    .anyMatch(line -> line.startsWith("<-- 201"));

            // A safe request meets the stale connection, and RetryInterceptor sends it again.
            assertThat(client.listAll(SandboxQuery.all())).extracting(SandboxDetail::sandboxId)
                    .containsExactly(created.sandboxId());
            assertThat(own.httpLog).anyMatch(line -> line.startsWith("<-- FAILED") && line.contains("/v2/sandboxes"));
            assertThat(client.kill(created.sandboxId())).isTrue();
            assertThat(own.server.sandboxes()).isEmpty();
            own.openApi.assertNoViolations();
        }
    }

    @Test
    void aCreateClosedBeforeTheServerActedMakesNoneAndSaysSo() {
        fixture.server.faults().loseNextAnswer("POST", "/sandboxes", Faults.LostAnswer.CLOSE_WITHOUT_ACTING, Duration.ZERO);
        try (E2bProvider provider = fixture.builder().lostCreateSearch(SHORT_SEARCH).build()) {
            assertThatThrownBy(() -> provider.controlPlane().create(bare()))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("E2B's answer to create a sandbox from template \"base\" was lost")
                    .hasMessageContaining("E2B listed no sandbox with metadata " + ControlPlaneClient.CREATE_ID_KEY + "=")
                    .hasMessageContaining("so none was made and creating again is safe");
        }
        assertThat(made()).isZero();
        assertThat(requests()).as("sent once, then looked for").startsWith("POST /sandboxes", "GET /v2/sandboxes")
                .filteredOn("POST /sandboxes"::equals).hasSize(1);
    }

    @Test
    void aCreateTheEdgeAnswered502IsLookedForToo() {
        fixture.server.faults().answerNext(1, "POST", "/sandboxes", 502, Map.of(), "{\"code\":502,\"message\":\"bad gateway\"}");
        try (E2bProvider provider = fixture.builder().lostCreateSearch(SHORT_SEARCH).build()) {
            assertThatThrownBy(() -> provider.controlPlane().create(bare()))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("(HTTP 502): bad gateway")
                    .hasMessageContaining("so none was made and creating again is safe");
        }
        assertThat(made()).isZero();
        assertThat(requests()).startsWith("POST /sandboxes", "GET /v2/sandboxes");
    }

    @Test
    void aCreateWhoseOutcomeCannotBeAskedSaysHowToFindItsSandbox() {
        fixture.server.faults().loseNextAnswer("POST", "/sandboxes", Faults.LostAnswer.CLOSE_AFTER_ACTING, Duration.ZERO);
        fixture.server.faults().answerNext(3, "GET", "/v2/sandboxes", 502, Map.of(), "{\"code\":502,\"message\":\"bad gateway\"}");
        String createId;
        try {
            VmServiceException unknown = catchThrowableOfType(() -> api.create(bare()), VmServiceException.class);
            assertThat(unknown.errorCode()).isEqualTo(UnansweredCreate.OUTCOME_UNKNOWN);
            assertThat(unknown.getMessage()).contains("E2B could not be asked whether it made one")
                    .contains("ends at its timeout of 60 s");
            createId = (String) unknown.details().get("create_id");
            assertThat(unknown.getMessage()).contains(ControlPlaneClient.CREATE_ID_KEY + "=" + createId);
        } finally {
            assertThat(made()).isEqualTo(1);
        }
        // The id in the error finds the sandbox, as a user would find it to end it early.
        List<SandboxDetail> orphan = api.listAll(SandboxQuery.withMetadata(Map.of(ControlPlaneClient.CREATE_ID_KEY, createId)));
        assertThat(orphan).extracting(SandboxDetail::sandboxId).containsExactlyElementsOf(running());
        assertThat(api.kill(orphan.get(0).sandboxId())).isTrue();
    }

    @Test
    void aKillWhoseAnswerIsLostAsksAgainAndFindsTheSandboxGone() {
        RunningSandbox created = api.create(bare());
        fixture.server.faults().loseNextAnswer("DELETE", "/sandboxes/.*", Faults.LostAnswer.CLOSE_AFTER_ACTING, Duration.ZERO);
        assertThat(api.kill(created.sandboxId())).as("the repeat finds it gone").isFalse();
        assertThat(running()).isEmpty();
        assertThat(requests()).containsExactly("POST /sandboxes", "DELETE /sandboxes/" + created.sandboxId(),
                "DELETE /sandboxes/" + created.sandboxId());
        assertThat(fixture.openApi.checked()).contains("DELETE /sandboxes/" + created.sandboxId() + " -> 404");
    }

    @Test
    void aKillOnAConnectionTheServerDroppedIsSentAgain() {
        RunningSandbox created = api.create(bare());
        fixture.server.faults().loseNextAnswer("DELETE", "/sandboxes/.*", Faults.LostAnswer.CLOSE_WITHOUT_ACTING, Duration.ZERO);
        assertThat(api.kill(created.sandboxId())).isTrue();
        assertThat(running()).isEmpty();
    }

    @Test
    void aProviderCreateWhoseAnswerIsLostGivesAWorkingDesktopThatAFailedKillKeeps() {
        fixture.server.faults().loseNextAnswer("POST", "/sandboxes", Faults.LostAnswer.CLOSE_AFTER_ACTING, Duration.ZERO);
        try (E2bProvider provider = fixture.builder().lostCreateSearch(SEARCH)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1))).build()) {
            E2bSandbox sandbox = provider.create("lost-answer", SandboxConfig.builder().template("desktop").build());
            assertThat(made()).isEqualTo(1);
            assertThat(running()).containsExactly(sandbox.e2bSandboxId());
            assertThat(sandbox.run("pgrep -x Xvfb >/dev/null && echo desktop", Duration.ofSeconds(10)).stdout())
                    .isEqualTo("desktop\n");
            assertThat(fixture.server.sandbox(sandbox.e2bSandboxId()).metadata)
                    .containsEntry(E2bProvider.SANDBOX_ID_KEY, "lost-answer").containsKey(ControlPlaneClient.CREATE_ID_KEY);

            // A kill that fails leaves the sandbox open and known to the provider, whose close tries again.
            fixture.server.faults().answerNext(3, "DELETE", "/sandboxes/.*", 502, Map.of(), "{\"code\":502,\"message\":\"bad gateway\"}");
            assertThatThrownBy(sandbox::close).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("HTTP 502");
            assertThat(running()).containsExactly(sandbox.e2bSandboxId());
            assertThat(provider.activeCount()).isEqualTo(1);
        }
        assertThat(running()).as("killed when the provider closed").isEmpty();
    }

    private void assertAdoptedTheOneSandboxMade(RunningSandbox adopted) {
        assertThat(made()).as("sandboxes made at the server").isEqualTo(1);
        assertThat(running()).as("running at the server: the one returned").containsExactly(adopted.sandboxId());
        assertThat(requests()).filteredOn("POST /sandboxes"::equals).as("the create was sent once").hasSize(1);
        assertThat(adopted.envdAccessToken().reveal()).as("adopted with its envd token")
                .isEqualTo(fixture.server.sandbox(adopted.sandboxId()).accessToken);
        assertThat(api.kill(adopted.sandboxId())).isTrue();
    }

    private static NewSandbox bare() {
        return new NewSandbox("base", 60, true, false, null, Map.of("suite", "lost-answers"));
    }

    private int made() {
        return fixture.server.createdCount() - createdBefore;
    }

    private static List<String> running() {
        return fixture.server.sandboxes().stream().map(s -> s.id).toList();
    }

    private List<String> requests() {
        List<String> log = fixture.server.controlPlaneLog();
        return log.subList(logBefore, log.size());
    }
}
