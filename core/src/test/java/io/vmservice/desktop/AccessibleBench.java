package io.vmservice.desktop;

import io.vmservice.SandboxConfig;
import io.vmservice.VmServiceClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Role-and-name queries on mousepad's window, each beside a reference from the same run: the
 * sandbox's python3 started with nothing to do (what every query pays before it reads the tree),
 * a whole active-window tree, one locator query, and a poll of an unchanged screen.
 * Run by {@code scripts/bench}; prints a table, asserts nothing.
 */
public final class AccessibleBench {

    private AccessibleBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            Desktop desktop = Desktop.of(client, client.createSandbox("bench", SandboxConfig.defaults()).sandboxId());
            desktop.launch("mousepad").waitForWindow("Mousepad");
            Target file = Accessible.role("menu").name("File").on(desktop);
            file.search(desktop.screenshot());

            double python = p50(runs, () -> desktop.run("python3 -c pass"));
            double tree = p50(runs, desktop::accessibilityTree);
            Screenshot screen = desktop.screenshot();
            double query = p50(runs, () -> file.search(screen));
            SearchResult found = file.search(screen);
            double unchanged = p50(runs, () -> file.search(desktop.screenshot(), screen, found));

            System.out.println("| figure (mousepad, desktop template) | p50 | same-run reference |");
            System.out.println("|---|---|---|");
            System.out.printf(Locale.ROOT, "| locator query (menu \"File\") | %.1f ms | python3 doing nothing %.1f ms |%n", query, python);
            System.out.printf(Locale.ROOT, "| active window's whole tree | %.1f ms | python3 doing nothing %.1f ms |%n", tree, python);
            System.out.printf(Locale.ROOT, "| poll of an unchanged screen | %.2f ms | locator query %.1f ms |%n", unchanged, query);
        }
    }

    private static double p50(int runs, Supplier<?> action) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Object unused = action.get();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
