package io.vmservice.image.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One label shown by an application and where its ink is: what TextBench's accuracy figures
 * look for. Saved with the screens as {@code labels.json}, so the figures can be computed again
 * from a run's files ({@code TextBench --accuracy DIR}).
 *
 * @param app    the application that showed it
 * @param text   the label's words
 * @param size   its size as the application was asked for it, e.g. "12px" or "zoom +2"
 * @param ink    the box of its ink on the screen
 * @param screen the screen it was on
 */
record LabelSample(String app, String text, String size, Region ink, Screenshot screen) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static void save(List<LabelSample> samples, Path dir) throws IOException {
        Map<Screenshot, String> files = new IdentityHashMap<>();
        ArrayNode all = JSON.createArrayNode();
        for (LabelSample s : samples) {
            String file = files.computeIfAbsent(s.screen(), screen -> "screen-" + files.size() + ".png");
            if (!Files.exists(dir.resolve(file))) {
                s.screen().savePng(dir.resolve(file));
            }
            ObjectNode node = all.addObject().put("app", s.app()).put("text", s.text()).put("size", s.size())
                    .put("screen", file);
            node.putObject("ink").put("x", s.ink().x()).put("y", s.ink().y()).put("width", s.ink().width())
                    .put("height", s.ink().height());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("labels.json").toFile(), all);
    }

    static List<LabelSample> load(Path dir) throws IOException {
        Map<String, Screenshot> screens = new HashMap<>();
        List<LabelSample> samples = new ArrayList<>();
        for (JsonNode node : JSON.readTree(dir.resolve("labels.json").toFile())) {
            Screenshot screen = screens.computeIfAbsent(node.get("screen").asText(),
                    file -> Screenshot.read(dir.resolve(file)));
            JsonNode ink = node.get("ink");
            samples.add(new LabelSample(node.get("app").asText(), node.get("text").asText(), node.get("size").asText(),
                    Region.of(ink.get("x").asInt(), ink.get("y").asInt(), ink.get("width").asInt(),
                            ink.get("height").asInt()), screen));
        }
        return samples;
    }
}
