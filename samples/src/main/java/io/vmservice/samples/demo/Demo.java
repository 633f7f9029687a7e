package io.vmservice.samples.demo;

import static org.awaitility.Awaitility.await;

import io.vmservice.SandboxConfig;
import io.vmservice.provider.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo behind {@code scripts/demo}: a fresh desktop, an editor, some typing, a screenshot,
 * and the sandbox gone again. It prints each step with how long it took.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        Path picture = Path.of(args.length > 0 ? args[0] : "samples/target/demo/mousepad.png").toAbsolutePath();
        long start = System.nanoTime();
        try (LocalProvider provider = LocalProvider.create();
             ProviderSandbox sandbox = provider.create("demo-" + UUID.randomUUID().toString().substring(0, 8),
                     SandboxConfig.defaults())) {
            step(start, "booted sandbox " + sandbox.id() + " (xfce4 desktop, " + sandbox.config().resolution() + ")");
            DesktopDriver desktop = new DesktopDriver(sandbox);

            desktop.launch("mousepad", null);
            String window = await("mousepad's window").atMost(Duration.ofSeconds(30))
                    .until(() -> desktop.applicationWindows("mousepad"), ids -> !ids.isEmpty()).get(0);
            step(start, "launched mousepad, window " + window + " \"" + desktop.windowTitle(window) + "\"");

            String text = "Hello from a fresh, isolated desktop!\nTyped by xdotool, read from Xvfb's framebuffer.";
            desktop.typeText(text, 25, 10);
            await("the text to appear").atMost(Duration.ofSeconds(10))
                    .until(() -> desktop.windowTitle(window).startsWith("*"));
            step(start, "typed " + text.length() + " characters");

            Screenshot screen = stableScreen(sandbox);
            screen.savePng(picture);
            step(start, "saved a " + screen.width() + "x" + screen.height() + " screenshot");
        }
        step(start, "destroyed the sandbox; no process of it is left");
        System.out.println();
        System.out.println("Screenshot: " + picture);
    }

    /** The screen once two frames 100 ms apart are identical: the editor has drawn every key. */
    private static Screenshot stableScreen(ProviderSandbox sandbox) {
        AtomicReference<Screenshot> previous = new AtomicReference<>(sandbox.screenshot());
        return await("a stable screen").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Screenshot now = sandbox.screenshot();
                    return now.samePixels(previous.getAndSet(now)) ? now : null;
                }, shot -> shot != null);
    }

    private static void step(long start, String what) {
        System.out.printf("[%6.2f s] %s%n", (System.nanoTime() - start) / 1e9, what);
    }
}
