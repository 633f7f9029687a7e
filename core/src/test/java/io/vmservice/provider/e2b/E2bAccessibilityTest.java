package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E2B's accessibility server against the protocol server: started once through envd beside the
 * input helper, each query then one {@code Process/SendInput} request, and an unchanged tree
 * answered without a walk, as on the local provider.
 */
class E2bAccessibilityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String MOUSEPAD = "{\"window\":\"Mousepad\"}";
    private static ProtocolFixture fixture;
    private static E2bSandbox sandbox;
    private static DesktopDriver desktop;

    @BeforeAll
    static void boot() {
        fixture = ProtocolFixture.start();
        sandbox = fixture.provider.create("a11y-test", "user-7", SandboxConfig.builder().template("desktop").build());
        desktop = new DesktopDriver(sandbox);
    }

    @AfterAll
    static void destroy() {
        fixture.close();
        fixture.openApi.assertNoViolations();
    }

    @Test
    void queriesGoToOneServerStartedThroughEnvd() {
        desktop.moveMouse(5, 5);
        desktop.launch("mousepad", null);
        await("mousepad's editor in the tree").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> query().stdout(), out -> out.contains("\"role\": \"text\""));

        int before = fixture.httpLog.size();
        for (int i = 0; i < 5; i++) {
            assertThat(query().stdout()).contains("\"role\": \"menu\", \"name\": \"File\"");
        }
        List<String> requests = fixture.httpLog.subList(before, fixture.httpLog.size()).stream()
                .filter(line -> line.startsWith("--> ")).toList();
        assertThat(requests).hasSize(5).allMatch(line -> line.contains("/process.Process/SendInput"));

        await("an answer without a walk").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> query().stderr(), err -> err.contains("answered without a walk"));
        assertThat(fixture.server.sandbox(sandbox.e2bSandboxId()).running().stream()
                .filter(p -> p.attached() != null)).as("the input helper and the accessibility server").hasSize(2);
    }

    private static CommandResult query() {
        CommandResult result = desktop.accessibility("find", MOUSEPAD, TIMEOUT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }
}
