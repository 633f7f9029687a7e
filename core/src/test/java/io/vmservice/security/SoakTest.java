package io.vmservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        // Processes of earlier test classes in this JVM, still ending, are what it held before.
        Set<Long> earlier = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        if (!earlier.isEmpty()) {
            System.out.println("running before the soak, left out of its count: " + describe(ProcessHandle.current().descendants()));
        }
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            for (int i = 0; i < 3; i++) {
                SoakCycle.run(client, i);
            }
            ResourceFigures before = settled(earlier);
            System.out.println(before.row("before"));
            for (int i = 0; i < CYCLES; i++) {
                SoakCycle.run(client, i);
            }
            ResourceFigures after = settled(earlier);
            System.out.println(after.row("after " + CYCLES));
            assertThat(started(earlier).count()).as("processes the soak started that are still running").isZero();
            assertThat(after.fileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(before.fileDescriptors() + 5);
            assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(before.threads() + 5);
        }
    }

    /** Figures once every process of the last destroyed sandbox has been reaped. */
    private static ResourceFigures settled(Set<Long> earlier) {
        try {
            await("the last sandbox's processes to be reaped").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> started(earlier).findAny().isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("processes the soak started still run: " + describe(started(earlier)), e);
        }
        return ResourceFigures.now();
    }

    private static Stream<ProcessHandle> started(Set<Long> earlier) {
        return ProcessHandle.current().descendants().filter(p -> !earlier.contains(p.pid()));
    }

    private static String describe(Stream<ProcessHandle> processes) {
        return processes.map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.joining("; "));
    }
}
