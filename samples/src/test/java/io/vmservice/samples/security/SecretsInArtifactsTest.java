package io.vmservice.samples.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.junit.DesktopTest;
import io.vmservice.desktop.Desktop;
import io.vmservice.provider.e2b.E2bProtocolServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A desktop test on E2B that fails leaves its screen, the sandbox's logs and its recent actions
 * as files and Allure attachments. None of them, nor the console, the log lines or the failure's
 * text, may hold the API key.
 */
class SecretsInArtifactsTest {

    @TempDir
    Path artifacts;

    @Test
    void theApiKeyIsInNoArtifactAttachmentLogLineOrFailure() throws IOException {
        Path allureResults = Path.of(System.getProperty("allure.results.directory", "target/allure-results"));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        EngineExecutionResults results;
        String apiKey;
        try (E2bProtocolServer e2b = new E2bProtocolServer(E2bProtocolServer.newApiKey())) {
            apiKey = e2b.apiKey();
            Map<String, String> settings = Map.of(
                    "vmservice.provider", "e2b",
                    "vmservice.e2b.apiKey", apiKey,
                    "vmservice.e2b.apiUrl", e2b.apiUrl(),
                    "vmservice.e2b.envdUrl", e2b.envdUrl(),
                    "vmservice.artifacts.dir", artifacts.toString());
            settings.forEach(System::setProperty);
            PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingDesktopTest.class)).execute();
            } finally {
                System.setOut(out);
                System.setErr(err);
                settings.keySet().forEach(System::clearProperty);
            }
        }
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));

        List<String> texts = new ArrayList<>();
        texts.add(console.toString(StandardCharsets.UTF_8));
        results.testEvents().failed().stream().forEach(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).ifPresent(t -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    t.printStackTrace(new java.io.PrintWriter(trace));
                    texts.add(trace.toString());
                }));
        List<Path> files = filesUnder(artifacts);
        assertThat(files).as("failure artifacts").anyMatch(f -> f.toString().endsWith("-logs.txt"))
                .anyMatch(f -> f.toString().endsWith("-actions.txt"));
        int artifactFiles = files.size();
        if (Files.isDirectory(allureResults)) {
            files.addAll(filesUnder(allureResults));
        }
        System.out.printf("searched the console, the failure, %d artifact files and %d Allure results for the key%n",
                artifactFiles, files.size() - artifactFiles);
        for (Path file : files) {
            texts.add(file + "\n" + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        assertThat(String.join("\n", texts)).as("the console, failure and %d artifact files", files.size())
                .contains("typed for the artifacts").doesNotContain(apiKey);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
    }

    /** Run only through the test kit above: it fails on purpose, after leaving actions and logs behind. */
    @DesktopTest
    static class FailingDesktopTest {

        @Test
        void failsAfterTypingAndRunningACommand(Desktop desktop) {
            desktop.launch("xterm").waitForWindow("xterm");
            desktop.type("typed for the artifacts");
            desktop.run("echo E2B_API_KEY is $E2B_API_KEY; env");
            assertThat(desktop.screenshot().width()).as("a failure on purpose").isZero();
        }
    }
}
