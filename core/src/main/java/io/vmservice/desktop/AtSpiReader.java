package io.vmservice.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.CommandResult;
import io.vmservice.SandboxOperations;
import io.vmservice.exception.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a sandbox's accessibility tree through its command channel: a small Python program on
 * AT-SPI's GObject bindings runs inside the sandbox and answers in JSON. Going through commands,
 * not a D-Bus connection from this JVM, is what lets the same code read E2B's sandboxes.
 */
final class AtSpiReader {

    /** What a sandbox needs for its tree to be read, for messages. */
    static final String REQUIREMENTS = "the sandbox needs at-spi2-core and python3-pyatspi, a session bus"
            + " (DBUS_SESSION_BUS_ADDRESS in every command's environment) started before its applications, and"
            + " NO_AT_BRIDGE unset; the local provider's \"desktop\" template has them";

    private static final String SCRIPT = resource("atspi.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MISSING_BINDINGS = 3;
    private static final int NO_BUS = 4;

    private final SandboxOperations operations;
    private final String sandboxId;

    AtSpiReader(SandboxOperations operations, String sandboxId) {
        this.operations = operations;
        this.sandboxId = sandboxId;
    }

    /** Every showing element of the showing windows whose title contains {@code window} (all when null). */
    List<AccessibleElement> elements(String window) {
        List<AccessibleElement> elements = new ArrayList<>();
        for (JsonNode element : run("find", query(window)).path("elements")) {
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

    private JsonNode run(String mode, Map<String, Object> query) {
        String command;
        try {
            command = "python3 -c " + ShellQuote.quote(SCRIPT) + " " + mode + " "
                    + ShellQuote.quote(JSON.writeValueAsString(query));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an accessibility query", e);
        }
        CommandResult result = operations.runCommand(sandboxId, command, TIMEOUT);
        if (result.exitCode() == MISSING_BINDINGS || result.exitCode() == NO_BUS || result.exitCode() == 127) {
            throw new ProviderUnavailableException("cannot read the accessibility tree of sandbox " + sandboxId + ": "
                    + lastLine(result.stderr()) + "; " + REQUIREMENTS);
        }
        if (result.exitCode() != 0) {
            throw new ProviderUnavailableException("reading the accessibility tree of sandbox " + sandboxId
                    + " failed (exit " + result.exitCode() + "): " + lastLine(result.stderr()) + "; " + REQUIREMENTS);
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            throw new ProviderUnavailableException("the accessibility reader of sandbox " + sandboxId
                    + " answered something other than JSON: " + lastLine(result.stdout()), e);
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

    /** The line that says what went wrong: a Python traceback ends with it. */
    private static String lastLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    private static String resource(String name) {
        try (InputStream in = AtSpiReader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the vmservice-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
