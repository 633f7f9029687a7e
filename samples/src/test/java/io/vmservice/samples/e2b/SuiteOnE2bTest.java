package io.vmservice.samples.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.provider.e2b.E2bProtocolServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

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
                EngineTestKit.engine("junit-jupiter")
                        .selectors(selectClass("io.vmservice.samples.editor.EditorWorkflowTest"),
                                selectClass("io.vmservice.samples.terminal.TerminalTest"))
                        .execute().testEvents()
                        .assertStatistics(stats -> stats.started(4).succeeded(4).failed(0));
                // Found by role and name through E2B's process API: the same queries, another command
                // channel, for GTK (mousepad's dialog) and Java Swing.
                EngineTestKit.engine("junit-jupiter")
                        .selectors(selectClass("io.vmservice.samples.accessibility.EditorByRoleTest"),
                                selectClass("io.vmservice.samples.swing.SwingFormByRoleTest"))
                        .execute().testEvents()
                        .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
                assertThat(e2b.controlPlaneLog()).as("every test's sandbox came from E2B's control plane")
                        .filteredOn("POST /sandboxes"::equals).hasSize(6);
            } finally {
                settings.keySet().forEach(System::clearProperty);
            }
        }
    }
}
