package io.vmservice.samples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.vmservice.HeadlessChromium;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The Allure report as a person sees it: two samples run (one passing, the deliberately failing
 * visual check), Allure's command line builds the HTML report, and headless Chromium shows a
 * test's page with its steps and screenshots, the failed check's screen-diff viewer, and the
 * failed test's video, which plays and ends on the test's final screen.
 */
class AllureReportViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theReportShowsStepsScreenshotsAndTheFailedChecksImages() throws Exception {
        String cli = System.getProperty("vmservice.allure.cli", "");
        Assumptions.assumeTrue(!cli.isBlank() && Files.isExecutable(Path.of(cli)),
                "Allure's command line is not installed: scripts/test installs it and passes -Dvmservice.allure.cli");
        // Results of this run go to a folder of its own, so the suite's report keeps only the suite.
        Path results = work.resolve("results");
        AllureLifecycle suiteLifecycle = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass("io.vmservice.samples.terminal.TerminalTest"),
                            selectClass("io.vmservice.samples.regression.ShowcaseFailureTest"))
                    .build());
        } finally {
            Allure.setLifecycle(suiteLifecycle);
        }

        Path report = work.resolve("report");
        Process generate = new ProcessBuilder(cli, "generate", results.toString(), "-o", report.toString(), "--clean")
                .redirectErrorStream(true).redirectOutput(work.resolve("allure.log").toFile()).start();
        assertThat(generate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(generate.exitValue()).as(Files.readString(work.resolve("allure.log"))).isZero();

        HttpServer server = serve(report);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        try (HeadlessChromium browser = HeadlessChromium.open(base, work.resolve("profile"))) {
            open(browser, base, testCase(report, "runsACommandTypedIntoTheTerminal"));
            assertThat(text(browser)).contains("launch xfce4-terminal", "wait for window \"Terminal\"", "type \"seq 1 5");
            assertThat(shownImages(browser, "final screen")).isEqualTo(1);
            browser.screenshot().savePng(Path.of("target", "screens", "report-passed-test.png"));

            String failed = testCase(report, "aDialogWhoseTextChangedFailsItsBaseline");
            open(browser, base, failed);
            assertThat(text(browser)).contains("welcome-dialog: screen diff").doesNotContain("welcome-dialog: expected");
            assertThat(shownScreenDiff(browser, "welcome-dialog: screen diff")).isEqualTo(1);
            browser.evaluate("document.querySelector('.screen-diff__content').scrollIntoView(); 'shown'");
            browser.screenshot().savePng(Path.of("target", "screens", "report-failed-visual-check.png"));

            open(browser, base, failed);
            Screenshot lastFrame = lastVideoFrame(browser, ": video");
            browser.evaluate("document.querySelector('video').scrollIntoView(); 'shown'");
            lastFrame.savePng(Path.of("target", "screens", "report-failed-test-video-last-frame.png"));
            browser.screenshot().savePng(Path.of("target", "screens", "report-failed-test-video.png"));
            Screenshot finalScreen = Screenshot.read(report.resolve("data/attachments").resolve(
                    attachmentSource(report, failed, ": final screen")));
            assertThat(differingShare(lastFrame, finalScreen)).as("the video's last frame against the final screen")
                    .isLessThan(0.005);
        } finally {
            server.stop(0);
        }
    }

    /** The newest test case of that method in the generated report. */
    private static String testCase(Path report, String method) throws IOException {
        try (Stream<Path> cases = Files.list(report.resolve("data/test-cases"))) {
            JsonNode newest = null;
            for (Path file : cases.toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                if (node.path("name").asText().startsWith(method + "(")
                        && (newest == null || node.path("time").path("stop").asLong() > newest.path("time").path("stop").asLong())) {
                    newest = node;
                }
            }
            assertThat(newest).as("a test case for " + method).isNotNull();
            return newest.path("uid").asText();
        }
    }

    private static void open(HeadlessChromium browser, String base, String uid) {
        browser.navigate(base + "#testresult/" + uid);
        await("the test's page").atMost(HeadlessChromium.patience()).pollInterval(Duration.ofMillis(250))
                .until(() -> Integer.parseInt(browser.evaluate("String(document.querySelectorAll('.attachment-row').length)")) > 0);
    }

    /** The source file, under data/attachments, of the test case's attachment whose name ends so. */
    private static String attachmentSource(Path report, String uid, String nameEnd) throws IOException {
        JsonNode testCase = JSON.readTree(report.resolve("data/test-cases/" + uid + ".json").toFile());
        for (JsonNode stage : List.of(testCase.path("testStage"), testCase.path("afterStages"))) {
            for (JsonNode attachment : stage.findValues("attachments").stream().flatMap(a -> stream(a)).toList()) {
                if (attachment.path("name").asText().endsWith(nameEnd)) {
                    return attachment.path("source").asText();
                }
            }
        }
        throw new AssertionError("no attachment named *" + nameEnd + " in " + uid);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** Opens the screen-diff attachment and counts its viewers whose images all loaded. */
    private static int shownScreenDiff(HeadlessChromium browser, String name) {
        browser.evaluate("[...document.querySelectorAll('.attachment-row')].filter(r => r.innerText.includes('" + name
                + "')).forEach(r => r.click()); 'opened'");
        String viewers = "String([...document.querySelectorAll('.screen-diff__content')].filter(v => {"
                + " const images = [...v.querySelectorAll('img.screen-diff__image')];"
                + " return images.length > 0 && images.every(i => i.complete && i.naturalWidth > 0)"
                + " && v.querySelectorAll('input[type=radio]').length === 2; }).length)";
        return await("the screen-diff viewer of " + name).atMost(HeadlessChromium.patience()).pollInterval(Duration.ofMillis(250))
                .until(() -> Integer.parseInt(browser.evaluate(viewers)), n -> n > 0);
    }

    /** Opens the video attachment, plays it to its end, and takes the frame it ends on through a canvas. */
    private static Screenshot lastVideoFrame(HeadlessChromium browser, String name) {
        browser.evaluate("[...document.querySelectorAll('.attachment-row')].filter(r => r.innerText.includes('" + name
                + "')).forEach(r => r.click()); 'opened'");
        String duration = await("a video with a duration").atMost(HeadlessChromium.patience())
                .pollInterval(Duration.ofMillis(250))
                .until(() -> browser.evaluate("(() => { const v = document.querySelector('video');"
                        + " return v && v.readyState >= 1 && isFinite(v.duration) ? String(v.duration) : ''; })()"),
                        d -> !d.isEmpty());
        assertThat(Double.parseDouble(duration)).isGreaterThan(0.5);
        // The report's server answers without byte ranges, so the video is watched to its end rather than seeked.
        browser.evaluate("(() => { const v = document.querySelector('video'); v.muted = true; v.playbackRate = 2;"
                + " window.playedTo = 0; window.lastFrame = ''; v.ontimeupdate = () => { window.playedTo = v.currentTime; };"
                + " v.onended = () => { const c = document.createElement('canvas'); c.width = v.videoWidth;"
                + " c.height = v.videoHeight; c.getContext('2d').drawImage(v, 0, 0);"
                + " window.lastFrame = c.toDataURL('image/png'); };"
                + " v.play(); return 'playing'; })()");
        await("the video to play").atMost(HeadlessChromium.patience()).pollInterval(Duration.ofMillis(250))
                .until(() -> Double.parseDouble(browser.evaluate("String(window.playedTo)")) > 0);
        String dataUrl = await("the video's end").atMost(HeadlessChromium.patience().plusSeconds((long) Double.parseDouble(duration)))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> browser.evaluate("window.lastFrame"), frame -> frame.startsWith("data:image/png"));
        return Screenshot.fromPng(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
    }

    /** The share of pixels whose colour differs by more than a lossy codec's blur. */
    private static double differingShare(Screenshot a, Screenshot b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        int differing = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                int p = a.argb(x, y);
                int q = b.argb(x, y);
                int delta = Math.max(Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF)),
                        Math.max(Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF)), Math.abs((p & 0xFF) - (q & 0xFF))));
                if (delta > 48) {
                    differing++;
                }
            }
        }
        return differing / (double) (a.width() * a.height());
    }

    private static String text(HeadlessChromium browser) {
        return browser.evaluate("document.body.innerText");
    }

    /** Opens every attachment whose name contains the text and counts the images that loaded. */
    private static int shownImages(HeadlessChromium browser, String name) {
        browser.evaluate("[...document.querySelectorAll('.attachment-row')].filter(r => r.innerText.includes('" + name
                + "')).forEach(r => r.click()); 'opened'");
        String count = "String([...document.querySelectorAll('.attachment-row')].filter(r => r.innerText.includes('" + name
                + "')).map(r => r.parentElement.querySelector('img')).filter(i => i && i.complete && i.naturalWidth > 0).length)";
        return await("images of " + name).atMost(HeadlessChromium.patience()).pollInterval(Duration.ofMillis(250))
                .until(() -> Integer.parseInt(browser.evaluate(count)), n -> n > 0);
    }

    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                String type = Files.probeContentType(file);
                exchange.getResponseHeaders().add("Content-Type", type == null ? "application/octet-stream" : type);
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
