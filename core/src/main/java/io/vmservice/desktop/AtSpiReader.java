package io.vmservice.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.SandboxOperations;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.screen.Region;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a sandbox's accessibility tree through its accessibility server: a Python program on
 * AT-SPI's GObject bindings that the provider starts once in the sandbox and reaches as it
 * reaches its input helper (see {@code io.vmservice.provider.input.AccessibilityHelper}), and
 * that answers in JSON. Going through the provider, not a D-Bus connection from this JVM, is what
 * lets the same code read E2B's sandboxes.
 */
final class AtSpiReader {

    /** What a sandbox needs for its tree to be read, for messages. */
    static final String REQUIREMENTS = "the sandbox needs at-spi2-core and python3-pyatspi, a session bus"
            + " (DBUS_SESSION_BUS_ADDRESS in every command's environment) started before its applications, and"
            + " NO_AT_BRIDGE unset; the local provider's \"desktop\" template has them";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SandboxOperations operations;
    private final String sandboxId;

    AtSpiReader(SandboxOperations operations, String sandboxId) {
        this.operations = operations;
        this.sandboxId = sandboxId;
    }

    /**
     * Every showing element of the showing windows whose title contains {@code window} (all when
     * null), of this role (any when null), in the tree's order.
     */
    List<AccessibleElement> elements(String window, String role) {
        return elements(window, role, false);
    }

    /**
     * As {@link #elements(String, String)}; {@code walk} makes the server read the tree even when no
     * event says it changed since it last answered the same query (for measuring a walk).
     */
    List<AccessibleElement> elements(String window, String role, boolean walk) {
        Map<String, Object> query = query(window);
        if (role != null) {
            query.put("role", role);
        }
        if (walk) {
            query.put("fresh", true);
        }
        List<AccessibleElement> elements = new ArrayList<>();
        for (JsonNode element : run("find", query).path("elements")) {
            elements.add(element(element));
        }
        return elements;
    }

    /** The trees of the showing windows. */
    List<AccessibleNode> windows() {
        List<AccessibleNode> windows = new ArrayList<>();
        for (JsonNode window : run("tree", query(null)).path("windows")) {
            windows.add(node(window));
        }
        return windows;
    }

    private static Map<String, Object> query(String window) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("window", window);
        return query;
    }

    /**
     * Any failure is the sandbox's: no python3 (the server could not start), no bindings (3), no
     * bus (4), or AT-SPI failing; each says why on standard error.
     */
    private JsonNode run(String mode, Map<String, Object> query) {
        String json;
        try {
            json = JSON.writeValueAsString(query);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an accessibility query", e);
        }
        CommandResult result = operations.queryAccessibility(sandboxId, mode, json, TIMEOUT);
        if (result.exitCode() != 0) {
            throw new ProviderUnavailableException("cannot read the accessibility tree of sandbox " + sandboxId
                    + " (exit " + result.exitCode() + "): " + reason(result.stderr()) + "; " + REQUIREMENTS);
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            throw new ProviderUnavailableException("the accessibility server of sandbox " + sandboxId
                    + " answered something other than JSON: " + abbreviate(result.stdout()), e);
        }
    }

    private static AccessibleNode node(JsonNode json) {
        List<AccessibleNode> children = new ArrayList<>();
        for (JsonNode child : json.path("children")) {
            children.add(node(child));
        }
        return new AccessibleNode(element(json), children);
    }

    private static AccessibleElement element(JsonNode json) {
        List<String> states = new ArrayList<>();
        json.path("states").forEach(s -> states.add(s.asText()));
        JsonNode box = json.path("box");
        return new AccessibleElement(json.path("role").asText(), Accessible.normalize(json.path("name").asText()),
                states, extent(json.path("box")), json.path("window").asText(), json.path("app").asText(),
                json.path("text").isTextual() ? Optional.of(json.path("text").asText()) : Optional.empty());
    }

    /**
     * The element's box, when it has a size and reaches the screen's visible quadrant: toolkits
     * report (-1,-1 -1x-1) for no extent, and xfwm4 parks a helper window at (-1000,-1000).
     */
    private static Optional<Region> extent(JsonNode box) {
        if (!box.isArray() || box.size() != 4) {
            return Optional.empty();
        }
        int x = box.get(0).asInt();
        int y = box.get(1).asInt();
        int width = box.get(2).asInt();
        int height = box.get(3).asInt();
        return width > 0 && height > 0 && x + width > 0 && y + height > 0
                ? Optional.of(Region.of(x, y, width, height)) : Optional.empty();
    }

    /** The lines that say what went wrong, blank ones dropped. */
    private static String reason(String stderr) {
        String text = stderr == null ? "" : stderr.strip().replaceAll("\\s*\n\\s*", "; ");
        return text.isEmpty() ? "no reason given" : abbreviate(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
