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
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * test's page with its steps and screenshots, and the failed check's expected, actual and diff
 * images.
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

            open(browser, base, testCase(report, "aDialogWhoseTextChangedFailsItsBaseline"));
            assertThat(text(browser)).contains("welcome-dialog: expected", "welcome-dialog: actual", "welcome-dialog: diff");
            assertThat(shownImages(browser, "welcome-dialog")).isEqualTo(3);
            browser.screenshot().savePng(Path.of("target", "screens", "report-failed-visual-check.png"));
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
