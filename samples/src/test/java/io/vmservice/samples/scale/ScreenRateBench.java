package io.vmservice.samples.scale;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.provider.SandboxProvider;
import io.vmservice.provider.e2b.E2bProtocolServer;
import io.vmservice.provider.e2b.E2bProvider;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The frame rate a test's video can have on each provider. The recorder samples the screen
 * through the same screenshots the DSL takes, one at a time, so its rate is bounded by one
 * screenshot's round trip: the local provider's framebuffer read against E2B's (the protocol
 * server over real HTTP on loopback, a real desktop behind it; a remote sandbox adds the
 * network's round trip and the download of the PNG). Run by {@code scripts/bench}; asserts nothing.
 * Usage: {@code ScreenRateBench [SCREENSHOTS]} (default 100).
 */
public final class ScreenRateBench {

    private ScreenRateBench() {
    }

    public static void main(String[] args) {
        int screenshots = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        double local;
        try (LocalProvider provider = LocalProvider.builder().build()) {
            local = p50(provider, screenshots);
        }
        double e2b;
        try (E2bProtocolServer server = new E2bProtocolServer(E2bProtocolServer.newApiKey());
             E2bProvider provider = E2bProvider.builder().apiKey(server.apiKey()).apiUrl(server.apiUrl())
                     .envdUrl(server.envdUrl()).build()) {
            e2b = p50(provider, screenshots);
        }
        System.out.println("| figure | value | same-run reference | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| one 1024x768 screenshot on E2B (protocol server, p50 of %d) | %.1f ms, at most %.1f fps"
                + " | local framebuffer %.1f ms, at most %.1f fps | %.1fx |%n", screenshots, e2b, 1000 / e2b, local,
                1000 / local, e2b / local);
    }

    /** The median time of one screenshot of a fresh desktop sandbox. */
    private static double p50(SandboxProvider provider, int screenshots) {
        try (VmServiceClient client = VmServiceClient.builder().provider(provider).build()) {
            SandboxInfo info = client.createSandbox("bench", SandboxConfig.builder().template("desktop").build());
            Desktop desktop = Desktop.of(client, info.sandboxId());
            desktop.waitForStableScreen();
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < screenshots; i++) {
                long start = System.nanoTime();
                desktop.screenshot();
                ms.add((System.nanoTime() - start) / 1e6);
            }
            client.destroySandbox(info.sandboxId());
            Collections.sort(ms);
            return ms.get(ms.size() / 2);
        }
    }
}
