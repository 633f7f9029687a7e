package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.AuthenticationException;
import io.vmservice.exception.VmServiceException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The API key and envd access tokens never appear in logs, {@code toString} or exception text:
 * a whole session (create, commands, files, errors from both the control plane and envd) runs
 * with every log line, the JVM's stdout and stderr and every message captured, then each is
 * searched for the secrets.
 */
class SecretRedactionTest {

    @Test
    void noSecretInLogsMessagesOrToString() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        String apiKey;
        String token;
        try (ProtocolFixture fixture = ProtocolFixture.start()) {
            PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            apiKey = fixture.server.apiKey();
            ProtocolFixture.Remote remote = fixture.createRemote("desktop");
            token = remote.sandbox().envdAccessToken().reveal();

            remote.processes().run("echo fine", null, null, Duration.ofSeconds(10));
            remote.files().write("/tmp/a.txt", new byte[] {1, 2, 3});
            texts.add(String.valueOf(remote.files().read("/tmp/a.txt").length));
            texts.add(remote.sandbox().toString());
            texts.add(fixture.provider.controlPlane().get(remote.id()).toString());
            texts.add(fixture.provider.toString());
            texts.add(E2bSettings.of(apiKey, null, fixture.server.apiUrl(), false).toString());
            texts.add(fixture.provider.controlPlane().toString());
            texts.add(remote.envd().toString());

            texts.add(messageOf(() -> E2bSettings.of(apiKey + "zz", null, null, false)));
            texts.add(messageOf(() -> E2bSettings.fromEnvironment(Map.of("E2B_API_KEY", "not-a-key-" + apiKey), new Properties())));
            try (E2bProvider wrongKey = fixture.builder().apiKey(apiKey.replace('a', 'b').replace('1', '2')).build()) {
                texts.add(messageOf(() -> wrongKey.controlPlane().get(remote.id())));
            }
            fixture.server.rotateAccessToken(remote.id());
            assertThatThrownBy(() -> remote.processes().run("true", null, null, Duration.ofSeconds(5)))
                    .isInstanceOf(AuthenticationException.class);
            texts.add(messageOf(() -> remote.processes().run("true", null, null, Duration.ofSeconds(5))));
            texts.add(messageOf(() -> remote.files().read("/tmp/a.txt")));
            texts.addAll(fixture.httpLog);

            assertThat(fixture.httpLog).as("the log was really written, with headers")
                    .anyMatch(l -> l.contains("X-API-Key: ***")).anyMatch(l -> l.contains("X-Access-Token: ***"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        texts.add(console.toString(StandardCharsets.UTF_8));
        for (String text : texts) {
            assertThat(text).doesNotContain(apiKey).doesNotContain(apiKey.substring(4)).doesNotContain(token);
        }
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (VmServiceException e) {
            return e.getMessage() + " " + e.toJson() + " " + e;
        }
        throw new AssertionError("expected an error");
    }
}
