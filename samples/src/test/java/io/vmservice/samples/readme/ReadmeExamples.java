package io.vmservice.samples.readme;

import static io.vmservice.image.ImageAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.CommandResult;
import io.vmservice.SandboxConfig;
import io.vmservice.SandboxInfo;
import io.vmservice.ServiceStats;
import io.vmservice.StreamConfig;
import io.vmservice.StreamInfo;
import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Match;
import io.vmservice.desktop.Region;
import io.vmservice.desktop.Screenshot;
import io.vmservice.image.DiffOptions;
import io.vmservice.image.DiffResult;
import io.vmservice.image.ImageDiff;
import io.vmservice.image.Ssim;
import io.vmservice.image.Template;
import io.vmservice.image.TemplateMatcher;
import io.vmservice.provider.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.e2b.E2bProvider;
import io.vmservice.provider.local.LocalProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The README's examples that are not tests of their own: compiled with the samples, so that they
 * keep matching the API; the tests that cover what they do are named in the README next to them.
 * {@link ReadmeExamplesTest} checks that every Java block of the README is one of these regions
 * or a region of a test.
 */
final class ReadmeExamples {

    private ReadmeExamples() {
    }

    static void serviceClient() {
        // README:begin
        try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(10).build()) {
            SandboxInfo info = client.createSandbox("user123", SandboxConfig.builder()
                    .template("desktop").cpuCount(2).memoryMb(2048).timeout(Duration.ofMinutes(30)).build());
            String id = info.sandboxId();                          // also sessionId(), userId(), expiresAt()
            client.click(id, 100, 200);
            client.typeText(id, "Hello World!");
            client.pressKeyCombination(id, List.of("ctrl", "s"));
            client.writeFile(id, "/home/user/test.txt", "Hello!");
            CommandResult r = client.runCommand(id, "ls -la /home/user", Duration.ofSeconds(30));
            byte[] png = client.screenshot(id);
            StreamInfo stream = client.startStream(id, StreamConfig.builder().requireAuth(true).build());
            ServiceStats stats = client.getStats();
            client.destroySandbox(id);
        }
        // README:end
    }

    static void providerLevel() {
        // README:begin
        try (LocalProvider provider = LocalProvider.create();
             ProviderSandbox sandbox = provider.create("demo-1", SandboxConfig.defaults())) {
            DesktopDriver desktop = new DesktopDriver(sandbox);
            desktop.launch("mousepad", null);
            String window = await("mousepad's window").atMost(Duration.ofSeconds(30))
                    .until(() -> desktop.applicationWindows("mousepad"), ids -> !ids.isEmpty()).get(0);
            desktop.typeText("Hello from a fresh, isolated desktop!", 25, 10);
            Screenshot screen = sandbox.screenshot();
            screen.savePng(Path.of("target/mousepad.png"));
        }
        // README:end
    }

    static void onE2b() {
        // README:begin
        try (E2bProvider e2b = E2bProvider.fromEnvironment();
             VmServiceClient client = VmServiceClient.builder().provider(e2b).build()) {
            SandboxInfo info = client.createSandbox("user123", SandboxConfig.defaults());
        }
        // README:end
    }

    static void imageAssertions(Screenshot screen) {
        // README:begin
        Template save = Template.fromResource("/icons/save.png")   // transparent pixels are ignored
                .similarity(0.95)                                   // default 0.9
                .atScales(1.0, 1.5);                                // HiDPI screens
        assertThat(screen).contains(save)
                .doesNotContain(Template.fromResource("/icons/error.png"))
                .containsExactly(3, Template.fromResource("/icons/row.png"));

        Optional<Match> hit = TemplateMatcher.find(screen, save);   // best match, with region().center()
        List<Match> all = TemplateMatcher.findAll(screen, save);    // best first, no overlaps
        // README:end
    }

    static void baselines(Screenshot screen) {
        // README:begin
        assertThat(screen)
                .ignoring(new Region(1800, 0, 120, 30))             // the app's clock; the baseline is not changed
                .withDiffOptions(DiffOptions.builder().threshold(0.1).maxDiffPixels(20).build())
                .matchesBaseline("editor/empty");                   // src/test/resources/baselines/editor/empty.png
        // README:end
    }

    static void diffAndSimilarity(Screenshot expected, Screenshot actual) {
        // README:begin
        DiffResult result = ImageDiff.compare(expected, actual, DiffOptions.builder().threshold(0.05).build());
        double ssim = Ssim.compare(expected, actual, new Region(0, 0, 200, 150));
        assertThat(actual).isSimilarTo(expected, 0.98, new Region(0, 0, 200, 150));
        // README:end
    }

    static LocalProvider warmPool() {
        // README:begin
        LocalProvider provider = LocalProvider.builder()
                .warmPool(3)                          // per kind of sandbox
                .prewarm(SandboxConfig.defaults())    // start filling before the first test
                .build();
        // README:end
        return provider;
    }

    static LocalProvider reuse() {
        // README:begin
        LocalProvider provider = LocalProvider.builder()
                .reuse(2)                             // desktops kept per kind and user
                .build();
        // README:end
        return provider;
    }
}
