package io.vmservice.samples.examples;

import static io.vmservice.image.ImageAssertions.assertThat;

import io.vmservice.ServiceStats;
import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Accessible;
import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Window;
import io.vmservice.image.DiffOptions;
import io.vmservice.image.DiffResult;
import io.vmservice.image.ImageDiff;
import io.vmservice.image.Ssim;
import io.vmservice.image.Template;
import io.vmservice.image.TemplateMatcher;
import io.vmservice.image.text.OcrEngine;
import io.vmservice.image.text.ScreenText;
import io.vmservice.image.text.Text;
import io.vmservice.image.text.TextLine;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import io.vmservice.provider.e2b.E2bProvider;
import io.vmservice.provider.e2b.E2bSettings;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's and the javadoc's examples that are not tests of their own: compiled with the
 * samples, so that they keep matching the API, and not run (the tests named beside them in the
 * README cover what they do). {@link DocExamplesTest} checks that every example is one of these
 * regions or a region of a test.
 */
final class DocExamples {

    private DocExamples() {
    }

    /** The README's sandbox rule: a field and an unannotated parameter are one sandbox. */
    static class OneSandbox {
        // example:begin
        @Sandbox Desktop desktop;                         // the test's sandbox

        @Test
        void saves(SandboxInfo info) {                    // the same one: info.sandboxId() equals desktop.sandboxId()
            desktop.type("saved");
        }
        // example:end
    }

    /** {@code @Sandbox}'s javadoc: the same rule, then two sandboxes and a parameter naming one. */
    static class SandboxJavadoc {
        // example:begin
        @Sandbox Desktop desktop;                        // the test's sandbox

        @Test
        void saves(SandboxInfo info) {                   // the same sandbox: info.sandboxId() == desktop.sandboxId()
            desktop.type("saved");
        }
        // example:end
    }

    static class TwoSandboxes {
        // example:begin
        @Sandbox(name = "editor") Desktop editor;       // two sandboxes...
        @Sandbox(name = "viewer") Desktop viewer;

        @Test
        void shares(@Sandbox(name = "viewer") SandboxInfo info) {   // ...and which one is meant
            viewer.type(info.sandboxId());
        }
        // example:end
    }

    static void serviceClient() {
        // example:begin
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
        // example:end
    }

    static void withoutJUnit() {
        // example:begin
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            SandboxInfo info = client.createSandbox("demo", SandboxConfig.defaults());
            Desktop desktop = Desktop.of(client, info.sandboxId());
            Window editor = desktop.launch("mousepad").window("mousepad");
            desktop.type("Hello from a fresh, isolated desktop!").waitForStableScreen();
            editor.screenshot().savePng(Path.of("target/mousepad.png"));
        }
        // example:end
    }

    static void onE2b() {
        // example:begin
        try (E2bProvider e2b = E2bProvider.fromEnvironment();
             VmServiceClient client = VmServiceClient.builder().provider(e2b).build()) {
            SandboxInfo info = client.createSandbox("user123", SandboxConfig.defaults());
        }
        // example:end
    }

    static void asyncClient(VmServiceClient client) {
        // example:begin
        client.async().createSandbox("user1")
                .thenCompose(info -> client.async().runCommand(info.sandboxId(), "uname -a"))
                .thenAccept(result -> System.out.println(result.stdout()));
        // example:end
    }

    static void imageAssertions(Screenshot screen) {
        // example:begin
        Template save = Template.fromResource("/icons/save.png")   // transparent pixels are ignored
                .similarity(0.95)                                   // default 0.9
                .atScales(1.0, 1.5);                                // HiDPI screens
        assertThat(screen).shows(save)
                .doesNotShow(Template.fromResource("/icons/error.png"))
                .showsExactly(3, Template.fromResource("/icons/row.png"));

        Optional<Match> hit = TemplateMatcher.find(screen, save);   // best match, with region().center()
        List<Match> all = TemplateMatcher.findAll(screen, save);    // best first, no overlaps
        // example:end
    }

    static void baselines(Screenshot screen) {
        // example:begin
        assertThat(screen)
                .ignoring(new Region(1800, 0, 120, 30))             // the app's clock; the baseline is not changed
                .withDiffOptions(DiffOptions.builder().threshold(0.1).maxDiffPixels(20).build())
                .matchesBaseline("editor/empty");                   // src/test/resources/baselines/editor/empty.png
        // example:end
    }

    static void diffAndSimilarity(Screenshot expected, Screenshot actual) {
        // example:begin
        DiffResult result = ImageDiff.compare(expected, actual, DiffOptions.builder().threshold(0.05).build());
        double ssim = Ssim.compare(expected, actual, new Region(0, 0, 200, 150));
        assertThat(actual).isSimilarTo(expected, 0.98, new Region(0, 0, 200, 150));
        // example:end
    }

    static LocalProvider warmPool() {
        // example:begin
        LocalProvider provider = LocalProvider.builder()
                .warmPool(3)                          // per kind of sandbox
                .prewarm(SandboxConfig.defaults())    // start filling before the first test
                .build();
        // example:end
        return provider;
    }

    static LocalProvider reuse() {
        // example:begin
        LocalProvider provider = LocalProvider.builder()
                .reuse(2)                             // desktops kept per kind and user
                .build();
        // example:end
        return provider;
    }

    static void desktopDsl(Desktop desktop) {
        // example:begin
        desktop.launch("mousepad").waitForWindow("Mousepad");
        desktop.type("Hello World!").hotkey("ctrl", "s");
        desktop.find(Template.fromResource("/save-dialog-title.png")).waitVisible();
        // example:end
    }

    static void accessible(Desktop desktop) {
        // example:begin
        desktop.find(Accessible.button("Place order")).click();
        // example:end
    }

    static void e2bProvider() {
        // example:begin
        try (E2bProvider e2b = E2bProvider.builder().settings(E2bSettings.fromEnvironment()).build();
             VmServiceClient client = VmServiceClient.builder().provider(e2b).build()) {
            SandboxInfo info = client.createSandbox("login-test", SandboxConfig.defaults());
        }
        // example:end
    }

    static void client() {
        // example:begin
        try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(10).build()) {
            SandboxInfo info = client.createSandbox("user123", SandboxConfig.builder().template("desktop").build());
            client.launchApplication(info.sandboxId(), "mousepad");
            byte[] png = client.screenshot(info.sandboxId());
        }
        // example:end
    }

    static DiffOptions diffOptions() {
        // example:begin
        DiffOptions options = DiffOptions.builder().threshold(0.05).maxDiffPixels(20).build();
        // example:end
        return options;
    }

    static void imageAssert(Screenshot screen, Template saveButton, Template errorIcon, Region clock) {
        // example:begin
        assertThat(screen).shows(saveButton).doesNotShow(errorIcon);
        assertThat(screen).ignoring(clock).withDiffOptions(DiffOptions.builder().maxDiffPixels(20).build())
                .matchesBaseline("editor/empty");
        // example:end
    }

    static DiffResult imageDiff(Screenshot expected, Screenshot actual) {
        // example:begin
        DiffResult result = ImageDiff.compare(expected, actual, DiffOptions.builder().threshold(0.05).build());
        // example:end
        return result;
    }

    static void template(Screenshot screen) {
        // example:begin
        Template save = Template.fromResource("/icons/save.png").similarity(0.95).atScales(1.0, 1.25);
        Optional<Match> hit = TemplateMatcher.find(screen, save);
        // example:end
    }

    static void desktopAssert(Desktop desktop) {
        // example:begin
        assertThat(desktop).eventually().shows(Template.fromResource("/saved-title.png"));
        assertThat(desktop).eventually().showsText("Order placed!");
        // example:end
    }

    static void text(Desktop desktop) {
        // example:begin
        desktop.find(Text.of("Place order")).click();
        desktop.find(Text.matching(Pattern.compile("\\d+ lemons"))).waitVisible();
        // example:end
    }

    static void ocrEngine(Screenshot screen) {
        // example:begin
        try (OcrEngine ocr = OcrEngine.open("eng")) {
            ScreenText text = ocr.read(screen);
        }
        // example:end
    }

    static void textReadme(Desktop desktop, Screenshot screen) {
        // example:begin
        desktop.find(Text.of("Place order")).click();                 // whole words, case and spacing ignored
        desktop.find(Text.of("Save").inRegion(new Region(600, 0, 424, 80))).click();
        desktop.find(Text.of("Total: 42,00 €").exact().ignoringCase(false)).waitVisible();
        int rows = desktop.find(Text.matching(Pattern.compile("Order #\\d+"))).count();
        assertThat(desktop).eventually().showsText("Order placed!").doesNotShowText("Not ordered yet");
        assertThat(screen).showsText("3 lemons");
        String status = desktop.readText(new Region(0, 700, 1024, 68));

        try (OcrEngine ocr = OcrEngine.open("deu")) {                  // Debian's tesseract-ocr-deu
            for (TextLine line : ocr.read(screen).lines()) {
                System.out.println(line.text() + " " + line.box() + " " + line.confidence());
            }
        }
        // example:end
    }

    static void window(Desktop desktop) {
        // example:begin
        Window calculator = desktop.window("xcalc");
        calculator.find(Template.fromResource("/calculator/plus.png")).click();
        assertThat(calculator).matchesBaseline("calculator/forty-two");
        // example:end
    }

    static void capture(Desktop desktop) {
        // example:begin
        desktop.run("xcalc >/dev/null 2>&1 &");
        desktop.window("xcalc").capture("xcalc");   // xcalc.png and xcalc-grid.png next to the test's artifacts
        desktop.capture("screen");                  // the whole screen, the same way
        // example:end
    }

    // example:begin
    @DesktopTest
    class EditorTest {
        @Test
        void savesANote(Desktop desktop) {   // a fresh sandbox for this test
            desktop.launch("mousepad").waitForWindow("Mousepad");
        }
    }
    // example:end
}
