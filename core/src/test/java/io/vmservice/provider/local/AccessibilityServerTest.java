package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.internal.ShellQuote;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.MouseButton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The accessibility server of a real local sandbox: one process answers every query, a query
 * repeated over an unchanged tree is answered without a walk, and a change the application has
 * made (typed text, a check box toggled, a dialog opened, another application started) is in the
 * very next answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessibilityServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String MOUSEPAD = "{\"window\":\"Mousepad\"}";
    private static final String EVERY_WINDOW = "{\"window\":null}";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A reader of its own, started for each look: a new AT-SPI connection, so nothing it prints
     * comes from the server's answers or from libatspi's cache in the server.
     */
    private static final String FRESH_READER = String.join("\n",
            "import gi, sys",
            "gi.require_version('Atspi', '2.0')",
            "from gi.repository import Atspi",
            "def walk(node, window):",
            "    states = node.get_state_set()",
            "    if not states.contains(Atspi.StateType.SHOWING):",
            "        return",
            "    text = ''",
            "    if 'Text' in node.get_interfaces():",
            "        text = Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))",
            "    print('%s|%s|%s|%s|%s' % (window, node.get_role_name(), node.get_name(),",
            "          'checked' if states.contains(Atspi.StateType.CHECKED) else '', text))",
            "    for i in range(node.get_child_count()):",
            "        walk(node.get_child_at_index(i), window)",
            "desktop = Atspi.get_desktop(0)",
            "for a in range(desktop.get_child_count()):",
            "    app = desktop.get_child_at_index(a)",
            "    for w in range(app.get_child_count()):",
            "        window = app.get_child_at_index(w)",
            "        walk(window, window.get_name())",
            "");

    private static LocalProvider provider;
    private static TrackedSandbox sandbox;
    private static DesktopDriver desktop;

    @BeforeAll
    static void boot() {
        provider = LocalProvider.create();
        sandbox = (TrackedSandbox) provider.create("a11y-server-" + System.nanoTime(), SandboxConfig.defaults());
        desktop = new DesktopDriver(sandbox);
        desktop.launch("mousepad", null);
        await("mousepad's window").atMost(TIMEOUT).until(() -> !desktop.applicationWindows("mousepad").isEmpty());
        await("mousepad's editor in the tree").atMost(TIMEOUT)
                .until(() -> elements(query(MOUSEPAD)).stream().anyMatch(e -> e.path("role").asText().equals("text")));
    }

    @AfterAll
    static void destroy() {
        provider.close();
    }

    @Test
    @Order(1)
    void oneServerAnswersEveryQueryAndAnUnchangedTreeWithoutAWalk() {
        long server = serverPid();
        CommandResult walked = query(MOUSEPAD);

        CommandResult unchanged = untilUnchanged(MOUSEPAD);

        assertThat(unchanged.stdout()).isEqualTo(walked.stdout());
        for (int i = 0; i < 5; i++) {
            assertThat(query(MOUSEPAD).stderr()).contains("answered without a walk");
        }
        assertThat(channel().helpersStarted()).isEqualTo(1);
        assertThat(serverPid()).isEqualTo(server);
    }

    @Test
    @Order(2)
    void typedTextIsInTheVeryNextAnswer() {
        untilUnchanged(MOUSEPAD);

        desktop.typeText("typed-for-the-tree", 50, 5);
        awaitFresh(line -> line.contains("|text|") && line.endsWith("typed-for-the-tree"));

        assertThat(elements(query(MOUSEPAD))).anySatisfy(e -> {
            assertThat(e.path("role").asText()).isEqualTo("text");
            assertThat(e.path("text").asText()).isEqualTo("typed-for-the-tree");
        });
    }

    @Test
    @Order(3)
    void aCheckBoxToggledIsInTheVeryNextAnswer() {
        desktop.pressKeys(List.of("ctrl", "f"));
        JsonNode box = await("the find bar's check box").atMost(TIMEOUT).until(() -> checkBox(query(MOUSEPAD)),
                found -> found != null);
        assertThat(box.path("states").toString()).doesNotContain("checked");
        untilUnchanged(MOUSEPAD);

        JsonNode extent = box.path("box");
        desktop.click(extent.get(0).asInt() + extent.get(2).asInt() / 2, extent.get(1).asInt() + extent.get(3).asInt() / 2,
                MouseButton.LEFT);
        awaitFresh(line -> line.contains("|check box|Match case|checked|"));

        assertThat(checkBox(query(MOUSEPAD)).path("states").toString()).contains("checked");
    }

    @Test
    @Order(4)
    void aDialogOpenedIsInTheVeryNextAnswer() {
        untilUnchanged(EVERY_WINDOW);

        desktop.pressKeys(List.of("ctrl", "o"));
        awaitFresh(line -> line.startsWith("Open File|"));

        assertThat(elements(query(EVERY_WINDOW))).anySatisfy(e -> assertThat(e.path("window").asText()).isEqualTo("Open File"));
        desktop.pressKeys(List.of("Escape"));
    }

    @Test
    @Order(5)
    void anApplicationStartedIsInTheVeryNextAnswer() {
        untilUnchanged(EVERY_WINDOW);

        desktop.launch("xfce4-terminal", null);
        awaitFresh(line -> line.startsWith("Terminal - "));

        assertThat(elements(query(EVERY_WINDOW))).anySatisfy(e -> assertThat(e.path("app").asText()).isEqualTo("xfce4-terminal"));
    }

    @Test
    @Order(6)
    void aKilledServerIsReplacedWithinTheQuery() {
        long server = serverPid();
        ProcessHandle.of(server).ifPresent(ProcessHandle::destroyForcibly);
        await("the server to end").atMost(TIMEOUT).until(() -> ProcessHandle.of(server).isEmpty());
        int started = channel().helpersStarted();

        assertThat(elements(query(MOUSEPAD))).isNotEmpty();

        assertThat(channel().helpersStarted()).isEqualTo(started + 1);
        assertThat(serverPid()).isNotEqualTo(server);
    }

    private static CommandResult query(String json) {
        CommandResult result = desktop.accessibility("find", json, TIMEOUT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    /** The query asked until the server answers it from its kept answer: events have quietened. */
    private static CommandResult untilUnchanged(String json) {
        return await("an answer without a walk").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> query(json), result -> result.stderr().contains("answered without a walk"));
    }

    private static List<JsonNode> elements(CommandResult result) {
        try {
            List<JsonNode> elements = new ArrayList<>();
            JSON.readTree(result.stdout()).path("elements").forEach(elements::add);
            return elements;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + result.stdout(), e);
        }
    }

    private static JsonNode checkBox(CommandResult result) {
        return elements(result).stream().filter(e -> e.path("role").asText().equals("check box")
                && e.path("name").asText().equals("Match case")).findFirst().orElse(null);
    }

    /** Waits until a reader of its own sees the change, so the application has made it. */
    private static void awaitFresh(Predicate<String> line) {
        await("a fresh reader to see the change").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> sandbox.run("python3 -c " + ShellQuote.quote(FRESH_READER), TIMEOUT).stdout().lines()
                        .anyMatch(line));
    }

    private static InputChannel channel() {
        return sandbox.local().accessibilityChannel();
    }

    /** The host pid of the accessibility server: python3 whose last argument names it. */
    private static long serverPid() {
        List<Long> servers = sandbox.local().processes().stream()
                .filter(pid -> cmdline(pid).endsWith("\0vmservice-atspi\0")).toList();
        assertThat(servers).hasSize(1);
        return servers.get(0);
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }
}
