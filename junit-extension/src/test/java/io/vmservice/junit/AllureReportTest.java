package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.desktop.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * With Allure on the class path, DSL actions are Allure steps and a failure attaches the final
 * screen, the sandbox's logs, the recent actions, the video, and to each step its picture. The case runs through a real JUnit
 * launcher, so Allure's own listener writes the result files that are checked here.
 */
class AllureReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void actionsAreStepsAndAFailureAttachesTheScreenAndLogs() throws IOException {
        Path results = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(AllureCase.class))
                .configurationParameter("vmservice.template", "minimal").build());

        JsonNode passed = result(results, "passes");
        assertThat(passed.path("status").asText()).isEqualTo("passed");
        assertThat(stepNames(passed)).contains("run echo step one", "move the pointer to (10, 20)", "type \"hello\"");

        JsonNode failed = result(results, "failsWithArtifacts");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        List<String> attachments = new ArrayList<>();
        failed.path("attachments").forEach(a -> {
            attachments.add(a.path("name").asText());
            assertThat(results.resolve(a.path("source").asText())).isNotEmptyFile();
        });
        assertThat(attachments).anyMatch(n -> n.endsWith("final screen")).anyMatch(n -> n.endsWith("sandbox logs"))
                .anyMatch(n -> n.endsWith("recent actions")).anyMatch(n -> n.endsWith(": video"));
        failed.path("attachments").forEach(a -> {
            if (a.path("name").asText().endsWith(": video")) {
                assertThat(a.path("type").asText()).isEqualTo("video/webm");
                assertThat(a.path("source").asText()).endsWith(".webm");
            }
        });

        // Each step of the failed test has its picture; the passing test's steps keep none.
        assertThat(failed.path("steps")).hasSize(2).allSatisfy(step -> {
            assertThat(step.path("attachments")).hasSize(1);
            JsonNode picture = step.path("attachments").get(0);
            assertThat(picture.path("name").asText()).startsWith("screen after the step (");
            assertThat(picture.path("type").asText()).isEqualTo("image/png");
            assertThat(results.resolve(picture.path("source").asText())).isNotEmptyFile();
        });
        assertThat(passed.path("steps")).allSatisfy(step -> assertThat(step.path("attachments")).isEmpty());
    }

    private static JsonNode result(Path results, String method) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            JsonNode newest = null;
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                if (node.path("fullName").asText().endsWith("AllureCase." + method)
                        && (newest == null || node.path("stop").asLong() > newest.path("stop").asLong())) {
                    newest = node;
                }
            }
            assertThat(newest).as("Allure result of " + method + " in " + results).isNotNull();
            return newest;
        }
    }

    private static List<String> stepNames(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("steps").forEach(step -> names.add(step.path("name").asText()));
        return names;
    }

    @DesktopTest
    static class AllureCase {
        @Test
        void passes(Desktop desktop) {
            desktop.run("echo step one");
            desktop.move(10, 20).type("hello");
        }

        @Test
        void failsWithArtifacts(Desktop desktop) {
            desktop.run("echo before the failure");
            desktop.move(100, 120);
            throw new AssertionError("deliberate");
        }
    }
}
