package io.vmservice.samples.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.provider.e2b.E2bProtocolServer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The samples switched to E2B by configuration alone ({@code vmservice.provider=e2b} and E2B's
 * own settings), unchanged. No E2B account is reachable here, so E2B is the in-repo protocol
 * server from core's tests: E2B's control plane and envd over real HTTP, with real local
 * sandboxes behind them.
 */
class SuiteOnE2bTest {

    @Test
    void theEditorTerminalAndRoleSamplesPassOnE2b() {
        try (E2bProtocolServer e2b = new E2bProtocolServer(E2bProtocolServer.newApiKey())) {
            Map<String, String> settings = Map.of(
                    "vmservice.provider", "e2b",
                    "vmservice.e2b.apiKey", e2b.apiKey(),
                    "vmservice.e2b.apiUrl", e2b.apiUrl(),
                    "vmservice.e2b.envdUrl", e2b.envdUrl());
            settings.forEach(System::setProperty);
            try {
                assertPass(4, "editor.EditorWorkflowTest", "terminal.TerminalTest");
                // Found by role and name through E2B's process API: the same queries, another command
                // channel, for GTK (mousepad's dialog), Firefox's page and Java Swing.
                assertPass(4, "accessibility.EditorByRoleTest", "browser.BrowserByRoleTest", "swing.SwingFormByRoleTest");
                assertThat(e2b.controlPlaneLog()).as("every test's sandbox came from E2B's control plane")
                        .filteredOn("POST /sandboxes"::equals).hasSize(8);
            } finally {
                settings.keySet().forEach(System::clearProperty);
            }
        }
    }

    /** Runs the samples' classes and says which test failed and why, not only how many. */
    private static void assertPass(int tests, String... classes) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(classes).map(name -> selectClass("io.vmservice.samples." + name))
                        .toArray(DiscoverySelector[]::new))
                .execute().testEvents();
        assertThat(events.failed().stream().map(failed -> failed.getTestDescriptor().getDisplayName() + ": "
                + failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::toString).orElse("no reason given"))).as("failed tests").isEmpty();
        assertThat(events.succeeded().count()).as("tests passed").isEqualTo(tests);
    }
}
