package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.sandbox.SandboxInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension resolves the run's settings once: a property changed halfway through the run changes nothing. */
class RunSettingsTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void theSettingsOfARunAreResolvedOnceAtItsStart() {
        SEEN.clear();
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(ChangesAPropertyHalfway.class))
                    .configurationParameter("vmservice.template", "minimal")
                    .configurationParameter("vmservice.resolution", "800x600")
                    .execute().testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        } finally {
            System.clearProperty("vmservice.resolution");
        }
        assertThat(SEEN).containsExactly("800x600", "800x600");
    }

    @DesktopTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ChangesAPropertyHalfway {
        @Test
        @Order(1)
        void first(SandboxInfo info) {
            SEEN.add(info.resolution().toString());
            System.setProperty("vmservice.resolution", "640x480");
        }

        @Test
        @Order(2)
        void second(SandboxInfo info) {
            SEEN.add(info.resolution().toString());
        }
    }
}
