package io.vmservice.junit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmservice.StepMark;
import io.vmservice.screen.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a test's step trace for one sandbox: a picture per step (the screen after it, with what
 * it did drawn on it) in {@code <sandbox>-trace/}, each step's name, time, duration and marks in
 * {@code <sandbox>-trace.json}, and each picture attached to its Allure step.
 */
final class Traces {

    private static final Logger LOG = LoggerFactory.getLogger(Traces.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Traces() {
    }

    static void write(String label, List<TracedStep> steps, Path dir) {
        if (steps.isEmpty()) {
            return;
        }
        try {
            Path pictures = Files.createDirectories(dir.resolve(label + "-trace"));
            long origin = steps.stream().mapToLong(TracedStep::startNanos).min().orElse(0);
            ArrayNode lines = JSON.createArrayNode();
            int number = 0;
            for (TracedStep step : steps) {
                number++;
                ObjectNode line = lines.addObject();
                line.put("step", step.name());
                line.put("depth", step.depth());
                line.put("startMs", (step.startNanos() - origin) / 1_000_000);
                line.put("durationMs", step.duration().toMillis());
                line.put("passed", step.passed());
                line.set("marks", marks(step.marks()));
                if (step.after() == null) {
                    continue;
                }
                byte[] png = StepPicture.png(step.after(), step.marks());
                String file = String.format(Locale.ROOT, "%03d.png", number);
                Files.write(pictures.resolve(file), png);
                line.put("picture", label + "-trace/" + file);
                AllureSupport.attachToStep(step.reportStep(), "screen after the step (" + step.duration().toMillis()
                        + " ms)", "image/png", "png", png);
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(label + "-trace.json").toFile(), lines);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the step trace of sandbox {}: {}", label, e.getMessage());
        }
    }

    private static ArrayNode marks(List<StepMark> marks) {
        ArrayNode array = JSON.createArrayNode();
        for (StepMark mark : marks) {
            ObjectNode node = array.addObject();
            node.put("kind", mark.kind().name().toLowerCase(Locale.ROOT));
            ArrayNode points = node.putArray("points");
            for (Point p : mark.points()) {
                points.addArray().add(p.x()).add(p.y());
            }
            if (mark.match() != null) {
                node.put("box", mark.match().region().toString());
                node.put("score", mark.match().score());
            }
        }
        return array;
    }
}
