package io.vmservice.samples.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.desktop.Desktop;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Tests of this class run at the same time, each on its own desktop (parallel execution is on in junit-platform.properties). */
@DesktopTest
@Execution(ExecutionMode.CONCURRENT)
class ParallelDesktopsTest {

    @Test
    void first(@Sandbox(template = "minimal") Desktop desktop) {
        assertOwnDesktop(desktop, "first");
    }

    @Test
    void second(@Sandbox(template = "minimal") Desktop desktop) {
        assertOwnDesktop(desktop, "second");
    }

    @Test
    void third(@Sandbox(template = "minimal") Desktop desktop) {
        assertOwnDesktop(desktop, "third");
    }

    private static void assertOwnDesktop(Desktop desktop, String name) {
        desktop.files().write("/tmp/owner", name);
        desktop.run("sleep 1");
        assertThat(desktop.files().read("/tmp/owner")).as("no other test wrote into this desktop").isEqualTo(name);
        assertThat(desktop.run("ls /tmp").stdout()).doesNotContain("first-only");
    }
}
