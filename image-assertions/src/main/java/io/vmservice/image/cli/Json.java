package io.vmservice.image.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes the command line prints. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String line(Map<String, Object> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable output " + value, e);
        }
    }

    static Map<String, Object> region(Region region) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("x", region.x());
        json.put("y", region.y());
        json.put("width", region.width());
        json.put("height", region.height());
        return json;
    }

    static Map<String, Object> match(Match match) {
        Map<String, Object> json = region(match.region());
        json.put("score", Math.round(match.score() * 10000) / 10000.0);
        json.put("centerX", match.center().x());
        json.put("centerY", match.center().y());
        if (match.label() != null) {
            json.put("text", match.label());
        }
        return json;
    }
}
