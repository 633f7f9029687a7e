package io.vmservice.provider.e2b;

import io.vmservice.exception.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A filter for {@code GET /v2/sandboxes}: metadata pairs that must all match, the states wanted
 * (both when empty) and the page size.
 */
public record SandboxQuery(Map<String, String> metadata, List<String> states, int limit) {

    public SandboxQuery {
        metadata = Map.copyOf(new LinkedHashMap<>(metadata));
        states = List.copyOf(states);
        for (String s : states) {
            if (!s.equals("running") && !s.equals("paused")) {
                throw new InvalidInputException("sandbox state \"" + s + "\" is not one of running, paused");
            }
        }
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("page size must be between 1 and 100, got " + limit);
        }
    }

    public static SandboxQuery all() {
        return new SandboxQuery(Map.of(), List.of(), 100);
    }

    public static SandboxQuery withMetadata(Map<String, String> metadata) {
        return new SandboxQuery(metadata, List.of(), 100);
    }

    public SandboxQuery limit(int pageSize) {
        return new SandboxQuery(metadata, states, pageSize);
    }

    public SandboxQuery states(String... wanted) {
        return new SandboxQuery(metadata, List.of(wanted), limit);
    }
}
