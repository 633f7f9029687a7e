package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.desktop.Desktop;
import io.vmservice.screen.Point;
import io.vmservice.screen.Screenshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The step trace of a real local desktop: a failed test leaves each step's name, duration and
 * marks, and a picture of the screen after it with the action drawn where it happened; a
 * passing test leaves none unless asked.
 */
class StepTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private Events run(Class<?> testClass, String... configuration) {
        SEEN.clear();
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter("vmservice.template", "minimal")
                .configurationParameter("vmservice.video", "off")
                .configurationParameter("vmservice.artifacts.dir", dir.toString());
        for (int i = 0; i + 1 < configuration.length; i += 2) {
            request.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return request.execute().testEvents();
    }

    @Test
    void aFailedTestLeavesEachStepWithItsDurationMarksAndPicture() throws Exception {
        run(TracedCase.class).assertStatistics(stats -> stats.failed(1));
        Path artifacts = dir.resolve("TracedCase").resolve("clicksDragsTypesAndFails");
        String id = SEEN.get(0);
        JsonNode steps = JSON.readTree(artifacts.resolve(id + "-trace.json").toFile());
        List<String> names = new ArrayList<>();
        steps.forEach(step -> names.add(step.path("step").asText()));
        assertThat(names).containsExactly("run xlogo -geometry 100x100+600+300 >/dev/null 2>&1 &",
                "click at (200, 150)", "drag from (300, 400) to (500, 450)", "type \"abc\"");
        steps.forEach(step -> {
            assertThat(step.path("durationMs").asLong()).isNotNegative();
            assertThat(artifacts.resolve(step.path("picture").asText())).isNotEmptyFile();
        });

        JsonNode click = steps.get(1);
        assertThat(click.path("marks").get(0).path("kind").asText()).isEqualTo("point");
        Screenshot clickPicture = Screenshot.read(artifacts.resolve(click.path("picture").asText()));
        assertThat(isRed(clickPicture.argb(200 + 10, 150))).as("the ring around the click").isTrue();
        assertThat(isRed(clickPicture.argb(200 + 30, 150))).as("outside the ring").isFalse();

        JsonNode drag = steps.get(2);
        Screenshot dragPicture = Screenshot.read(artifacts.resolve(drag.path("picture").asText()));
        assertThat(isRed(dragPicture.argb(400, 425))).as("the middle of the drag's arrow").isTrue();

        JsonNode typing = steps.get(3);
        assertThat(typing.path("marks")).as(typing.toString()).hasSize(1);
        assertThat(typing.path("marks").get(0).path("points").get(0).get(0).asInt())
                .as("typing is drawn where the pointer last acted").isEqualTo(500);
    }

    @Test
    void aPassingTestKeepsNoTraceUnlessAlways() throws Exception {
        run(PassingCase.class).assertStatistics(stats -> stats.succeeded(1));
        assertThat(traceFiles()).isEmpty();
        run(PassingCase.class, "vmservice.trace", "always").assertStatistics(stats -> stats.succeeded(1));
        assertThat(traceFiles()).hasSize(1);
        run(TracedCase.class, "vmservice.trace", "off").assertStatistics(stats -> stats.failed(1));
        assertThat(traceFiles()).hasSize(1);
    }

    private List<Path> traceFiles() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith("-trace.json")).toList();
        }
    }

    private static boolean isRed(int argb) {
        return (argb >> 16 & 0xFF) > 200 && (argb >> 8 & 0xFF) < 80 && (argb & 0xFF) < 80;
    }

    @DesktopTest
    static class TracedCase {
        @Test
        void clicksDragsTypesAndFails(Desktop desktop) {
            SEEN.add(desktop.sandboxId());
            desktop.run("xlogo -geometry 100x100+600+300 >/dev/null 2>&1 &");
            desktop.click(200, 150).drag(new Point(300, 400), new Point(500, 450)).type("abc");
            throw new AssertionError("failing on purpose after four steps");
        }
    }

    @DesktopTest
    static class PassingCase {
        @Test
        void passes(Desktop desktop) {
            desktop.click(10, 10);
        }
    }
}
