package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sweep of groups left by killed JVMs, on the host's real cgroup v1 hierarchy, when another
 * JVM makes a sandbox while the sweep runs.
 */
class StaleCgroupsTest {

    private static final Path MEMORY = Path.of("/sys/fs/cgroup/memory/vmservice");

    @Test
    void theSweepRemovesAGroupWithoutSandboxButSparesOneMadeWhileItRan() throws IOException {
        assumeTrue(CgroupLimits.available(), "cgroup v1 controllers are not writable on this host");
        String stale = "stale-" + UUID.randomUUID();
        String racing = "racing-" + UUID.randomUUID();
        CgroupLimits.create(stale, 1, 512);
        CgroupLimits[] madeMeanwhile = new CgroupLimits[1];
        try {
            CgroupLimits.removeStale(() -> {
                // Another JVM boots a sandbox between the sweep's two listings: directory, then groups.
                madeMeanwhile[0] = CgroupLimits.create(racing, 1, 512);
                return Set.of(racing);
            });
            assertThat(Files.isDirectory(MEMORY.resolve(stale))).as("the group whose sandbox is gone").isFalse();
            assertThat(Files.isDirectory(MEMORY.resolve(racing))).as("the group made while the sweep ran").isTrue();
        } finally {
            if (madeMeanwhile[0] != null) {
                madeMeanwhile[0].release();
            }
            CgroupLimits.create(stale, 1, 512).release();
        }
    }
}
