package io.vmservice.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.screen.Screenshot;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST service over real HTTP, with real sandboxes behind it. */
class SessionApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SessionApiServer api;

    @BeforeAll
    static void start() {
        api = new SessionApiServer(4);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aUserCreatesDrivesAndDestroysASession() throws Exception {
        Response created = call("POST", "/api/sessions", "alice", "{\"template\":\"minimal\",\"timeout_seconds\":600}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("sandbox_id").asText();
        assertThat(created.json().path("session_id").asText()).isNotBlank();

        assertThat(call("POST", "/api/sessions/" + id + "/click?x=100&y=200", "alice", "").json().path("success").asBoolean()).isTrue();
        Response command = call("POST", "/api/sessions/" + id + "/commands", "alice",
                "{\"command\":\"xdotool getmouselocation\",\"timeout_seconds\":10}");
        assertThat(command.json().path("stdout").asText()).startsWith("x:100 y:200");
        call("POST", "/api/sessions/" + id + "/launch", "alice", "{\"application\":\"xlogo\"}");
        assertThat(call("GET", "/api/sessions", "alice", null).json()).hasSize(1);
        assertThat(call("GET", "/api/sessions/" + id, "alice", null).json().path("template").asText()).isEqualTo("minimal");

        JsonNode shot = call("GET", "/api/sessions/" + id + "/screenshot", "alice", null).json();
        byte[] png = HexFormat.of().parseHex(shot.path("data").asText());
        assertThat(png).hasSize(shot.path("size").asInt());
        assertThat(Screenshot.fromPng(png).width()).isEqualTo(1024);
        assertThat(call("GET", "/api/stats", "alice", null).json().path("totalActiveSandboxes").asInt()).isEqualTo(1);

        assertThat(call("DELETE", "/api/sessions/" + id, "alice", null).json().path("destroyed").asBoolean()).isTrue();
        assertThat(api.client().getStats().totalActiveSandboxes()).isZero();
    }

    @Test
    void oneUserCannotReachAnothersSessionAndErrorsAre400WithTheErrorMap() throws Exception {
        String id = call("POST", "/api/sessions", "alice", "{\"template\":\"minimal\"}").json().path("sandbox_id").asText();
        try {
            Response stolen = call("POST", "/api/sessions/" + id + "/commands", "mallory", "{\"command\":\"id\"}");
            assertThat(stolen.status()).isEqualTo(400);
            assertThat(stolen.json().path("detail").path("error_code").asText()).isEqualTo("SANDBOX_NOT_FOUND");
            assertThat(call("GET", "/api/sessions/" + id + "/screenshot", "mallory", null).status()).isEqualTo(400);
            assertThat(call("DELETE", "/api/sessions/" + id, "mallory", null).json().path("destroyed").asBoolean()).isFalse();

            Response anonymous = call("GET", "/api/sessions", null, null);
            assertThat(anonymous.status()).isEqualTo(400);
            assertThat(anonymous.json().path("detail").path("message").asText()).contains("X-User-Id");
            Response offScreen = call("POST", "/api/sessions/" + id + "/click?x=-5&y=10", "alice", "");
            assertThat(offScreen.json().path("detail").path("error_code").asText()).isEqualTo("INVALID_INPUT");
            assertThat(call("POST", "/api/sessions/" + id + "/click?x=abc&y=10", "alice", "").status()).isEqualTo(400);
            assertThat(call("POST", "/api/sessions", "bob", "{\"template\":\"minimal\",\"timeout_seconds\":0}")
                    .json().path("detail").path("message").asText()).contains("timeout");
        } finally {
            call("DELETE", "/api/sessions/" + id, "alice", null);
        }
    }

    private record Response(int status, JsonNode json) {
    }

    private static Response call(String method, String path, String user, String body) throws Exception {
        HttpResponse<String> response = api.call(method, path, user, body);
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }
}
