package io.vmservice.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route that names a session, called by another user, answers exactly as it does for a
 * session that does not exist, and leaves the owner's session as it was.
 */
class SessionApiIsolationTest {

    private static final String UNKNOWN_ID = "no-such-session-000000";

    private static SessionApiServer api;

    /** Method, path under the session and a valid body for each route that names a session. */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "", null},
            new String[] {"POST", "/click?x=10&y=10", ""},
            new String[] {"POST", "/type", "{\"text\":\"typed by mallory\"}"},
            new String[] {"POST", "/keys", "{\"keys\":[\"ctrl\",\"alt\",\"t\"]}"},
            new String[] {"POST", "/launch", "{\"application\":\"xterm\"}"},
            new String[] {"POST", "/commands", "{\"command\":\"touch /tmp/mallory-was-here\"}"},
            new String[] {"GET", "/screenshot", null},
            new String[] {"POST", "/stream", ""},
            new String[] {"DELETE", "/stream", null},
            new String[] {"DELETE", "", null});

    @BeforeAll
    static void start() {
        api = new SessionApiServer(2);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anotherUsersSessionAnswersLikeOneThatDoesNotExist() throws Exception {
        String id = sandboxId(call("POST", "/api/sessions", "alice", "{\"template\":\"minimal\"}").body());
        try {
            for (String user : List.of("mallory", "Alice", "alice2")) {
                for (String[] route : ROUTES) {
                    HttpResponse<String> onAlices = call(route[0], "/api/sessions/" + id + route[1], user, route[2]);
                    HttpResponse<String> onUnknown = call(route[0], "/api/sessions/" + UNKNOWN_ID + route[1], user, route[2]);
                    String what = user + " " + route[0] + " " + route[1];
                    assertThat(onAlices.statusCode()).as(what).isEqualTo(onUnknown.statusCode());
                    assertThat(onAlices.body().replace(id, "<id>")).as(what)
                            .isEqualTo(onUnknown.body().replace(UNKNOWN_ID, "<id>"));
                }
                assertThat(call("GET", "/api/sessions", user, null).body()).as("sessions %s sees", user).isEqualTo("[]");
            }
            HttpResponse<String> check = call("POST", "/api/sessions/" + id + "/commands", "alice",
                    "{\"command\":\"test -e /tmp/mallory-was-here; echo $?\"}");
            assertThat(check.statusCode()).isEqualTo(200);
            assertThat(check.body()).as("alice's session after every probe").contains("\"stdout\":\"1\\n\"");
        } finally {
            call("DELETE", "/api/sessions/" + id, "alice", null);
        }
    }

    private static String sandboxId(String json) {
        return json.replaceAll(".*\"sandbox_id\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return api.call(method, path, user, body);
    }
}
