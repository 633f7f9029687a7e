package io.vmservice.image.cli;

import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.AccessibleElement;
import io.vmservice.desktop.AccessibleNode;
import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.DesktopSettings;
import io.vmservice.internal.ShellQuote;
import io.vmservice.sandbox.SandboxConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tree -- APP [ARGS]}: the accessibility tree of an application's window without writing a
 * test. Boots a local desktop, starts the application, waits for its window and for its tree to
 * settle, prints the focused window's tree, and destroys the desktop.
 */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Boot a local desktop, start an application, wait for its window and print the focused window's"
                + " accessibility tree (AT-SPI2), one element a line (role \"name\" [states] box), then destroy the"
                + " desktop: what Accessible locators are written from.")
final class TreeCommand implements Callable<Integer> {

    private static final Duration SETTLE_POLL = Duration.ofMillis(300);

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "print the tree as one JSON line instead of indented text")
    private boolean json;

    @Option(names = "--window", paramLabel = "TITLE",
            description = "wait for a window whose title contains this, or of this class (default: the program's name)")
    private String window;

    @Option(names = "--template", defaultValue = "desktop", description = "the desktop template (default ${DEFAULT-VALUE})")
    private String template;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for the window and its tree (default ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the application and its arguments, after --")
    private List<String> command;

    @Override
    public Integer call() {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            String id = client.createSandbox("vmservice-tree", SandboxConfig.builder().template(template).build()).sandboxId();
            Desktop desktop = Desktop.of(client, id).with(DesktopSettings.DEFAULTS.withWindowTimeout(timeout));
            desktop.run("(" + ShellQuote.join(command) + ") >/tmp/vmservice-tree-app.log 2>&1 &");
            desktop.waitForWindow(window != null ? window : program);
            AccessibleNode tree = settledTree(desktop, timeout);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.line(node(tree)) + "\n" : tree.render());
            out.flush();
        }
        return 0;
    }

    /** The focused window's tree once a window has the focus and two reads in a row agree. */
    private static AccessibleNode settledTree(Desktop desktop, Duration timeout) {
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicReference<AccessibleNode> tree = new AtomicReference<>();
        await("the focused window's accessibility tree to settle").atMost(timeout).pollInterval(SETTLE_POLL)
                .until(() -> {
                    AccessibleNode now = desktop.accessibilityTree();
                    tree.set(now);
                    String text = now.render();
                    return !now.element().role().equals("desktop frame") && text.equals(last.getAndSet(text));
                });
        return tree.get();
    }

    private static Map<String, Object> node(AccessibleNode node) {
        AccessibleElement element = node.element();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", element.role());
        json.put("name", element.name());
        json.put("states", element.states());
        element.box().ifPresent(box -> json.put("box", Json.region(box)));
        element.text().ifPresent(text -> json.put("text", text));
        List<Map<String, Object>> children = new ArrayList<>();
        node.children().forEach(child -> children.add(node(child)));
        json.put("children", children);
        return json;
    }
}
