package io.vmservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live stream opened in a real browser (Debian's headless Chromium) shows the sandbox's desktop. */
class LiveStreamTest {

    private static final int DESKTOP_BLUE = 0xFF3A6EA5;
    /** noVNC's status bar colour for a rejected connection ("password check failed!"). */
    private static final int REJECTED_RED = 0xFFB83636;

    private static VmServiceClient client;
    private static SandboxInfo sandbox;

    @TempDir
    Path browserDir;

    @BeforeAll
    static void boot() {
        client = VmServiceClient.builder().build();
        sandbox = client.createSandbox("viewer", SandboxConfig.builder().template("minimal").build());
    }

    @AfterAll
    static void destroy() {
        client.close();
    }

    @Test
    void theStreamUrlShowsTheSandboxsDesktopAndAWrongKeyIsRefused() throws Exception {
        StreamInfo stream = client.startStream(sandbox.sandboxId(), StreamConfig.builder().requireAuth(true).build());
        try {
            assertThat(stream.authKey()).matches("[A-Za-z0-9]{16}");
            assertThat(stream.url()).startsWith("http://127.0.0.1:").contains("/vnc.html?autoconnect=true&resize=scale")
                    .endsWith("&password=" + stream.authKey());
            assertThat(stream.toString()).doesNotContain(stream.authKey());
            assertThat(client.runCommand(sandbox.sandboxId(), "ss -ltnH", java.time.Duration.ofSeconds(5)).stdout())
                    .as("the VNC server listens on no TCP port").doesNotContain(":5900");
            assertThatThrownBy(() -> client.startStream(sandbox.sandboxId(), StreamConfig.defaults()))
                    .isInstanceOf(VmServiceException.class).hasMessageContaining("already running");

            Screenshot seen = browse(stream.url(), "right-key", shot -> share(shot, DESKTOP_BLUE) > 0.5);
            assertThat(share(seen, DESKTOP_BLUE)).as("share of the browser's screen showing the desktop's blue").isGreaterThan(0.5);

            Screenshot refused = browse(stream.url().replace(stream.authKey(), "wrongWrongWrong1"), "wrong-key",
                    shot -> share(shot, REJECTED_RED) > 0.01);
            assertThat(share(refused, REJECTED_RED)).as("noVNC's rejection banner").isGreaterThan(0.01);
            assertThat(share(refused, DESKTOP_BLUE)).as("a wrong key shows nothing of the desktop").isLessThan(0.01);

            // VNC's own check compares 8 characters; the other 8 must count as much.
            String halfRight = stream.authKey().substring(0, 8) + "wrongWro";
            Screenshot halfRefused = browse(stream.url().replace(stream.authKey(), halfRight), "half-right-key",
                    shot -> share(shot, REJECTED_RED) > 0.01);
            assertThat(share(halfRefused, DESKTOP_BLUE)).as("a key right in its first 8 characters only shows nothing")
                    .isLessThan(0.01);
        } finally {
            client.stopStream(sandbox.sandboxId());
        }
    }

    /** Opens the URL and returns the first screen that passes the check, or the last one seen. */
    private Screenshot browse(String url, String name, java.util.function.Predicate<Screenshot> done) throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.open(url, browserDir.resolve("profile-" + name))) {
            java.util.concurrent.atomic.AtomicReference<Screenshot> last = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                org.awaitility.Awaitility.await("the browser to show " + name).atMost(HeadlessChromium.patience())
                        .pollInterval(java.time.Duration.ofMillis(250))
                        .until(() -> {
                            last.set(browser.screenshot());
                            return done.test(last.get());
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // The caller's assertion reports what the browser showed last.
            }
            last.get().savePng(Path.of("target", "screens", "stream-" + name + ".png"));
            return last.get();
        }
    }

    private static double share(Screenshot shot, int argb) {
        long same = 0;
        var pixels = shot.pixels();
        while (pixels.hasRemaining()) {
            if (pixels.get() == argb) {
                same++;
            }
        }
        return (double) same / (shot.width() * shot.height());
    }
}
