package io.vmservice.desktop;

import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import io.vmservice.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Role-and-name queries through the sandbox's accessibility server, on mousepad's window and on a
 * Firefox page, each beside a reference from the same run: the sandbox's python3 started with
 * nothing to do (what every query paid when each started Python and its AT-SPI bindings), and
 * one command through the input channel, the same kind of round trip that starts xdotool.
 * A query walks the tree (the server is told to, as after a change); an unchanged poll is the
 * same locator asked again while nothing changed, which the server answers without a walk.
 * Run by {@code scripts/bench}; prints a table, asserts nothing.
 */
public final class AccessibleBench {

    private static final String PAGE = String.join("\n",
            "<!doctype html><html><head><title>Bench page</title></head><body>",
            "<h1>Orders</h1><p>A page with a form, a list and a table, as a shop's page has.</p>",
            "<form><label>Name <input name=name></label> <label>Email <input name=email></label>",
            "<label><input type=checkbox> Send me news</label> <select><option>Lemons<option>Limes</select>",
            "<button type=button>Place order</button> <button type=button>Cancel</button></form>",
            "<ul>" + "<li><a href='#'>Item</a> in the list</li>".repeat(20) + "</ul>",
            "<table>" + "<tr><td>cell</td><td>another cell</td><td><button type=button>Edit</button></td></tr>".repeat(10)
                    + "</table>",
            "</body></html>");

    private AccessibleBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            String id = client.createSandbox("bench", SandboxConfig.defaults()).sandboxId();
            Desktop desktop = Desktop.of(client, id);
            AtSpiReader reader = new AtSpiReader(client, id);
            double python = p50(runs, () -> desktop.run("python3 -c pass"));
            double channel = p50(runs, () -> client.getCursorPosition(id));

            desktop.launch("mousepad").waitForWindow("Mousepad");
            Figures mousepad = measure(runs, desktop, reader, "Mousepad", "menu", "File");

            desktop.files().write("/home/user/bench.html", PAGE);
            desktop.files().write("/tmp/firefox/user.js", String.join("\n",
                    "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                    "user_pref(\"browser.aboutwelcome.enabled\", false);",
                    "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                    "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);"));
            desktop.run("firefox-esr --new-instance --profile /tmp/firefox file:///home/user/bench.html"
                    + " >/tmp/firefox.log 2>&1 &");
            desktop.with(desktop.settings().withWindowTimeout(Duration.ofSeconds(60))).waitForWindow("Bench page");
            Figures firefox = measure(runs, desktop, reader, "Bench page", "push button", "Place order");

            System.out.println("| figure (desktop template, p50) | mousepad | Firefox page | same-run reference |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| showing elements in the window | %d | %d | |%n", mousepad.elements,
                    firefox.elements);
            System.out.printf(Locale.ROOT, "| locator query (menu \"File\" / push button \"Place order\"), tree read"
                    + " | %.1f ms | %.1f ms | python3 doing nothing %.1f ms |%n", mousepad.query, firefox.query, python);
            System.out.printf(Locale.ROOT, "| every showing element of the window, tree read | %.1f ms | %.1f ms |"
                    + " python3 doing nothing %.1f ms |%n", mousepad.everything, firefox.everything, python);
            System.out.printf(Locale.ROOT, "| unchanged poll (same locator, no change) | %.2f ms | %.2f ms | python3 doing nothing %.1f ms |%n",
                    mousepad.unchanged, firefox.unchanged, python);
            System.out.printf(Locale.ROOT, "| one input command (xdotool getmouselocation through the input channel) | | |"
                    + " %.2f ms |%n", channel);
        }
    }

    private record Figures(int elements, double query, double everything, double unchanged) {
    }

    private static Figures measure(int runs, Desktop desktop, AtSpiReader reader, String window, String role, String name) {
        Accessible locator = Accessible.role(role).name(name).inWindow(window);
        Target target = locator.on(desktop);
        await(locator + " in the tree").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> target.search(null).found());
        int elements = reader.elements(window, null, true).size();
        double query = p50(runs, () -> reader.elements(window, role, true));
        double everything = p50(runs, () -> reader.elements(window, null, true));
        // A page that has just drawn still sends events for a while; the poll is timed once they stop.
        try {
            await("the tree to settle").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> millis(() -> target.search(null)) < query / 2);
        } catch (ConditionTimeoutException stillChanging) {
            System.out.println(window + ": events kept coming for 30 s; the poll below walked the tree");
        }
        double unchanged = p50(runs, () -> target.search(null));
        return new Figures(elements, query, everything, unchanged);
    }

    private static double millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double p50(int runs, Supplier<?> action) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ms.add(millis(() -> {
                Object unused = action.get();
            }));
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
