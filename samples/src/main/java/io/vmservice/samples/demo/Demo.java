package io.vmservice.samples.demo;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Window;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;

/**
 * A fresh desktop, an editor, some typing, a screenshot, and the sandbox gone again, through the
 * public API only: the client makes the sandbox, {@link Desktop} drives it. It prints each step
 * with how long it took.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        Path picture = Path.of(args.length > 0 ? args[0] : "samples/target/demo/mousepad.png").toAbsolutePath();
        long start = System.nanoTime();
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            SandboxInfo info = client.createSandbox("demo", SandboxConfig.defaults());
            step(start, "booted sandbox " + info.sandboxId() + " (xfce4 desktop, " + info.resolution() + ")");
            Desktop desktop = Desktop.of(client, info.sandboxId());

            Window editor = desktop.launch("mousepad").window("mousepad");
            step(start, "launched mousepad, window " + editor.id() + " \"" + editor.title() + "\"");

            String text = "Hello from a fresh, isolated desktop!\nTyped by xdotool, read from Xvfb's framebuffer.";
            desktop.type(text).waitForStableScreen();
            step(start, "typed " + text.length() + " characters");

            Screenshot screen = desktop.screenshot();
            screen.savePng(picture);
            step(start, "saved a " + screen.width() + "x" + screen.height() + " screenshot");
        }
        step(start, "destroyed the sandbox; no process of it is left");
        System.out.println();
        System.out.println("Screenshot: " + picture);
    }

    private static void step(long start, String what) {
        System.out.printf("[%6.2f s] %s%n", (System.nanoTime() - start) / 1e9, what);
    }
}
