package io.vmservice.samples.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.VmServiceClient;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Screenshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's automation job on a real desktop: steps run, a screenshot comes back, the sandbox goes. */
class AutomationWorkerTest {

    private static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();

    @Test
    void runsTheStepsReturnsTheFinalScreenshotAndDestroysTheSandbox() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            List<Step> steps = AutomationWorker.parse("""
                    [{"type": "click", "x": 100, "y": 200},
                     {"type": "launch", "app": "xlogo"},
                     {"type": "wait", "seconds": 1.5},
                     {"type": "type", "text": "Hello World"}]""");
            assertThat(steps).containsExactly(new Step.Click(100, 200), new Step.Launch("xlogo"), new Step.Wait(1.5),
                    new Step.Type("Hello World"));

            AutomationWorker.Result result = new AutomationWorker(client, MINIMAL).execute("user123", steps);

            assertThat(result.success()).isTrue();
            assertThat(result.screenshotSize()).isEqualTo(result.screenshot().length);
            Screenshot screen = Screenshot.fromPng(result.screenshot());
            assertThat(screen.argb(512, 384)).as("xlogo's window covers the middle of the screen").isNotEqualTo(0xFF3A6EA5);
            assertThat(client.getStats().totalActiveSandboxes()).as("the sandbox is gone").isZero();
        }
    }

    @Test
    void aFailingStepStillDestroysTheSandbox() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            List<Step> steps = List.of(new Step.Launch("not;an app"));
            assertThatThrownBy(() -> new AutomationWorker(client, MINIMAL).execute("user123", steps))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("application name");
            assertThat(client.getStats().totalActiveSandboxes()).isZero();
            assertThatThrownBy(() -> AutomationWorker.parse("[{\"type\": \"dance\"}]")).isInstanceOf(InvalidInputException.class);
        }
    }
}
