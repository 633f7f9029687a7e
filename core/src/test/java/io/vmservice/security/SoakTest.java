package io.vmservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import java.time.Duration;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The short soak: 30 create/use/destroy cycles leave the JVM holding what it held before, within
 * a small tolerance for pools that grow on demand. The long run is {@link SoakHarness}.
 */
class SoakTest {

    private static final int CYCLES = 30;

    @Test
    void createAndDestroyCyclesLeakNoProcessDescriptorOrThread() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            for (int i = 0; i < 3; i++) {
                SoakCycle.run(client, i);
            }
            ResourceFigures before = settled();
            System.out.println(before.row("before"));
            for (int i = 0; i < CYCLES; i++) {
                SoakCycle.run(client, i);
            }
            ResourceFigures after = settled();
            System.out.println(after.row("after " + CYCLES));
            assertThat(after.processes()).as("processes this JVM started that are still running").isEqualTo(0);
            assertThat(after.fileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(before.fileDescriptors() + 5);
            assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(before.threads() + 5);
        }
    }

    /**
     * Figures once every process of the last destroyed sandbox has been reaped. Run after other
     * test classes in one JVM, this also catches a sandbox one of them left running: the message
     * names its processes.
     */
    private static ResourceFigures settled() {
        try {
            await("the last sandbox's processes to be reaped").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> ProcessHandle.current().descendants().count() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("processes of this JVM still running: " + ProcessHandle.current().descendants()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.joining("; ")), e);
        }
        return ResourceFigures.now();
    }
}
