package io.vmservice.samples.worker;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.VmServiceClient;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.time.Duration;
import java.util.List;

/**
 * The seed's automation job: a fresh sandbox for a user, a list of click / type / launch / wait
 * steps, a final screenshot, and the sandbox destroyed whatever happened.
 */
public final class AutomationWorker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final VmServiceClient client;
    private final SandboxConfig config;

    public AutomationWorker(VmServiceClient client, SandboxConfig config) {
        this.client = client;
        this.config = config;
    }

    /** What a finished job reports, as the seed's task returns it, plus the screenshot itself. */
    public record Result(boolean success, int screenshotSize, String sandboxId, byte[] screenshot) {
    }

    /** Parses steps from the seed's JSON list. */
    public static List<Step> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Step>>() { });
        } catch (java.io.IOException e) {
            throw new InvalidInputException("steps are not a JSON list of click/type/launch/wait objects: "
                    + e.getMessage(), e);
        }
    }

    public Result execute(String userId, List<Step> steps) {
        SandboxInfo info = client.createSandbox(userId, config);
        String id = info.sandboxId();
        try {
            for (Step step : steps) {
                run(id, step);
            }
            byte[] png = client.screenshot(id);
            return new Result(true, png.length, id, png);
        } finally {
            client.destroySandbox(id);
        }
    }

    private void run(String id, Step step) {
        if (step instanceof Step.Click click) {
            client.click(id, click.x(), click.y());
        } else if (step instanceof Step.Type type) {
            client.typeText(id, type.text());
        } else if (step instanceof Step.Launch launch) {
            client.launchApplication(id, launch.app());
        } else if (step instanceof Step.Wait wait) {
            pause(wait.seconds());
        }
    }

    private static void pause(double seconds) {
        Duration pause = Duration.ofMillis(Math.round(seconds * 1000));
        if (pause.isNegative() || pause.compareTo(MAX_WAIT) > 0) {
            throw new InvalidInputException("a wait step must last between 0 and " + MAX_WAIT.toSeconds()
                    + " seconds, got " + seconds);
        }
        // A deliberate pause of the job, not a wait for a condition.
        await().pollDelay(pause).atMost(pause.plusSeconds(1)).until(() -> true);
    }
}
