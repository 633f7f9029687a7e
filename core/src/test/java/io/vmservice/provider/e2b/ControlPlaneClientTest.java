package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.AuthenticationException;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.SandboxNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane over real HTTP against the protocol server (no E2B account exists here),
 * every exchange checked against E2B's OpenAPI spec.
 */
class ControlPlaneClientTest {

    private static ProtocolFixture fixture;
    private static ControlPlaneClient api;

    @BeforeAll
    static void start() {
        fixture = ProtocolFixture.start();
        api = fixture.provider.controlPlane();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void matchesTheSpec() {
        fixture.openApi.assertNoViolations();
    }

    @Test
    void createsASecureSandboxAndDescribesIt() {
        RunningSandbox created = api.create(new NewSandbox("desktop", 120, true, false, Map.of("DISPLAY", ":0"),
                Map.of(E2bProvider.USER_ID_KEY, "alice")));
        try {
            assertThat(created.sandboxId()).matches("[a-z0-9]{20}");
            assertThat(created.secured()).isTrue();
            assertThat(created.domain()).as("a null domain falls back to the configured one").isNull();
            SandboxDetail detail = api.get(created.sandboxId());
            assertThat(detail.running()).isTrue();
            assertThat(detail.templateId()).isEqualTo("desktop");
            assertThat(detail.metadata()).containsEntry(E2bProvider.USER_ID_KEY, "alice");
            assertThat(detail.envdAccessToken()).isEqualTo(created.envdAccessToken());
            assertThat(Duration.between(detail.startedAt(), detail.endAt())).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(121));
        } finally {
            assertThat(api.kill(created.sandboxId())).isTrue();
        }
        assertThat(fixture.openApi.checked()).contains("POST /sandboxes -> 201", "GET /sandboxes/" + created.sandboxId() + " -> 200",
                "DELETE /sandboxes/" + created.sandboxId() + " -> 204");
    }

    @Test
    void listsByMetadataAcrossPages() {
        String owner = "bob & co=1";   // needs both levels of E2B's metadata encoding
        List<RunningSandbox> mine = List.of(create(owner), create(owner), create(owner));
        RunningSandbox other = create("carol");
        try {
            SandboxQuery query = SandboxQuery.withMetadata(Map.of(E2bProvider.USER_ID_KEY, owner)).limit(2);
            SandboxPage first = api.list(query, null);
            assertThat(first.sandboxes()).hasSize(2);
            assertThat(first.hasNext()).isTrue();
            SandboxPage second = api.list(query, first.nextToken());
            assertThat(second.sandboxes()).hasSize(1);
            assertThat(second.hasNext()).isFalse();
            assertThat(api.listAll(query)).extracting(SandboxDetail::sandboxId)
                    .containsExactlyInAnyOrderElementsOf(mine.stream().map(RunningSandbox::sandboxId).toList());
            assertThat(api.listAll(SandboxQuery.withMetadata(Map.of(E2bProvider.USER_ID_KEY, "nobody")))).isEmpty();
            assertThat(fixture.openApi.checked()).anyMatch(c -> c.startsWith("GET /v2/sandboxes -> 200"));
        } finally {
            mine.forEach(s -> api.kill(s.sandboxId()));
            api.kill(other.sandboxId());
        }
    }

    @Test
    void setsTheTimeoutConnectsAndKills() {
        RunningSandbox created = create("dave");
        String id = created.sandboxId();
        api.setTimeout(id, Duration.ofSeconds(600));
        Instant end = api.get(id).endAt();
        assertThat(Duration.between(Instant.now(), end)).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(601));

        RunningSandbox connected = api.connect(id, Duration.ofSeconds(30));
        assertThat(connected.sandboxId()).isEqualTo(id);
        assertThat(api.get(id).endAt()).as("connect only ever extends").isEqualTo(end);

        assertThat(api.kill(id)).isTrue();
        assertThat(api.kill(id)).as("a second kill finds nothing").isFalse();
        assertThatThrownBy(() -> api.get(id)).isInstanceOf(SandboxNotFoundException.class);
        assertThatThrownBy(() -> api.setTimeout(id, Duration.ofSeconds(5))).isInstanceOf(SandboxNotFoundException.class);
    }

    @Test
    void aSandboxEndsAtItsTimeout() {
        RunningSandbox created = api.create(new NewSandbox("base", 1, true, false, null, null));
        await("the sandbox to end at its 1 s timeout").atMost(Duration.ofSeconds(10))
                .until(() -> api.listAll(SandboxQuery.all()).stream().noneMatch(s -> s.sandboxId().equals(created.sandboxId())));
        assertThatThrownBy(() -> api.get(created.sandboxId())).isInstanceOf(SandboxNotFoundException.class);
    }

    @Test
    void anUnknownTemplateIsInvalidInput() {
        assertThatThrownBy(() -> api.create(new NewSandbox("no-such-template", 60, true, true, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("no-such-template");
    }

    @Test
    void aWrongApiKeyIsAnAuthenticationErrorThatDoesNotShowTheKey() {
        String wrongKey = E2bProtocolServer.newApiKey();
        try (E2bProvider wrong = fixture.builder().apiKey(wrongKey).build()) {
            assertThatThrownBy(() -> wrong.controlPlane().listAll(SandboxQuery.all()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("401")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(fixture.server.apiKey()));
        }
    }

    private static RunningSandbox create(String user) {
        return api.create(new NewSandbox("base", 120, true, false, null, Map.of(E2bProvider.USER_ID_KEY, user)));
    }
}
