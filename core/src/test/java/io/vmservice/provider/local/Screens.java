package io.vmservice.provider.local;

import static org.awaitility.Awaitility.await;

import io.vmservice.provider.ProviderSandbox;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Waits on what the screen shows. */
final class Screens {

    private Screens() {
    }

    /**
     * Returns once two screenshots 150 ms apart are identical: the application has handled the
     * input so far (GTK, for one, swallows an Enter that arrives while it still processes typing).
     */
    static Screenshot awaitStable(ProviderSandbox sandbox) {
        AtomicReference<Screenshot> previous = new AtomicReference<>(sandbox.screenshot());
        return await("a stable screen").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(150))
                .pollInterval(Duration.ofMillis(150))
                .until(() -> {
                    Screenshot now = sandbox.screenshot();
                    return now.samePixels(previous.getAndSet(now)) ? now : null;
                }, shot -> shot != null);
    }
}
