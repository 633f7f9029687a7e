package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import io.vmservice.screen.Screenshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against E2B itself, with the account in {@code E2B_API_KEY} (and {@code E2B_DOMAIN} /
 * {@code E2B_API_URL} if set): one desktop sandbox from the {@code desktop} template, driven,
 * streamed and killed. Costs a minute of sandbox time.
 */
@EnabledIfEnvironmentVariable(named = "E2B_API_KEY", matches = ".+",
        disabledReason = "E2B_API_KEY is not set: this test runs against E2B's cloud with a real account")
class E2bLiveTest {

    @Test
    void aDesktopSandboxOnE2b() {
        try (E2bProvider e2b = E2bProvider.fromEnvironment()) {
            SandboxConfig config = SandboxConfig.builder().template("desktop").timeout(Duration.ofMinutes(5)).build();
            try (E2bSandbox sandbox = e2b.create("live-" + System.currentTimeMillis(), "vmservice-live-test", config)) {
                DesktopDriver desktop = new DesktopDriver(sandbox);
                assertThat(desktop.screenSize()).isEqualTo(new Resolution(1024, 768));
                desktop.moveMouse(200, 300);
                assertThat(desktop.cursorPosition()).isEqualTo(new Point(200, 300));

                sandbox.writeFile("/home/user/live.txt", "from the live test".getBytes(StandardCharsets.UTF_8));
                assertThat(sandbox.run("cat /home/user/live.txt", Duration.ofSeconds(30)).stdout()).isEqualTo("from the live test");

                Screenshot shot = sandbox.screenshot();
                assertThat(shot.width()).isEqualTo(1024);

                StreamInfo stream = sandbox.startStream(StreamConfig.builder().requireAuth(true).build());
                assertThat(stream.url()).startsWith("https://6080-" + sandbox.e2bSandboxId() + ".");
                sandbox.stopStream();

                assertThat(e2b.list(Map.of(E2bProvider.SANDBOX_ID_KEY, sandbox.id()))).hasSize(1);
            }
        }
    }
}
