package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.desktop.Desktop;
import io.vmservice.exception.SlotTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * More parallel tests than {@code vmservice.max-sandboxes}: they wait for a slot in turn instead of
 * failing, the wait is an Allure step, and a wait that runs out fails the test with the settings
 * to change. Run through real JUnit launchers on real local sandboxes.
 */
class SlotWaitInSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> THREE_AT_ONCE = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "3",
            "vmservice.template", "minimal",
            "vmservice.max-sandboxes", "1");

    @Test
    void threeParallelTestsOnOneSlotWaitTheirTurnAndTheWaitIsAnAllureStep() throws IOException {
        Path results = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ThreeOnOneSlot.class)).configurationParameters(THREE_AT_ONCE).build());

        List<JsonNode> runs = results(results, "ThreeOnOneSlot");
        assertThat(runs).hasSize(3).allSatisfy(run -> assertThat(run.path("status").asText()).isEqualTo("passed"));
        List<String> waits = new ArrayList<>();
        runs.forEach(run -> run.path("steps").forEach(step -> waits.add(step.path("name").asText())));
        assertThat(waits).filteredOn(name -> name.startsWith("waiting for a sandbox slot"))
                .as("the two tests that came second and third waited, one behind the other")
                .containsExactlyInAnyOrder("waiting for a sandbox slot: 1 in use, 0 ahead",
                        "waiting for a sandbox slot: 1 in use, 1 ahead");
    }

    @Test
    void aTestThatGetsNoSlotInTimeFailsNamingTheLimitTheWaitAndTheSettings() {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(TwoOnOneSlot.class))
                .configurationParameter("vmservice.slot-timeout", "1s");
        THREE_AT_ONCE.forEach(request::configurationParameter);

        var events = request.execute().testEvents();

        events.assertStatistics(stats -> stats.succeeded(1).failed(1));
        Throwable failure = events.failed().stream().map(Event::getPayload).findFirst().orElseThrow()
                .flatMap(p -> ((org.junit.platform.engine.TestExecutionResult) p).getThrowable()).orElseThrow();
        assertThat(failure).hasCauseInstanceOf(SlotTimeoutException.class);
        SlotTimeoutException timeout = (SlotTimeoutException) failure.getCause();
        assertThat(timeout.limit()).isEqualTo(1);
        assertThat(timeout.waited()).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(timeout.getMessage()).contains("no sandbox slot came free within 1.0 s (waited ")
                .contains("1 of 1 slots are in use")
                .contains("vmservice.max-sandboxes is 1 and vmservice.slot-timeout 1s");
    }

    private static List<JsonNode> results(Path results, String caseName) throws IOException {
        // Newest run of each test of the case (earlier builds may have left results too).
        Map<String, JsonNode> newest = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                String name = node.path("fullName").asText();
                if (name.contains(caseName + ".") && (!newest.containsKey(name)
                        || node.path("stop").asLong() > newest.get(name).path("stop").asLong())) {
                    newest.put(name, node);
                }
            }
        }
        return List.copyOf(newest.values());
    }

    @DesktopTest
    static class ThreeOnOneSlot {
        @Test
        void a(Desktop desktop) {
            desktop.run("sleep 1");
        }

        @Test
        void b(Desktop desktop) {
            desktop.run("sleep 1");
        }

        @Test
        void c(Desktop desktop) {
            desktop.run("sleep 1");
        }
    }

    @DesktopTest
    static class TwoOnOneSlot {
        @Test
        void a(Desktop desktop) {
            desktop.run("sleep 4");
        }

        @Test
        void b(Desktop desktop) {
            desktop.run("sleep 4");
        }
    }
}
