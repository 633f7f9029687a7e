package io.vmservice.samples.scale;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.SlotStats;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.provider.e2b.E2bProtocolServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A suite larger than its sandbox limit, run through a real JUnit launcher with the extension as a
 * user configures it: {@link ScaleSuite}'s short tests at JUnit parallelism 16 (a) on the local
 * provider, {@code minimal} template, {@code vmservice.max-sandboxes=4}, and (b) on E2B, here the
 * in-repo protocol server with a team concurrency limit of 10 and the client allowed 16, so that
 * the limit is learned from E2B's 429s. Prints, for each: failures caused by limits, the wall time
 * against the ideal (tests × mean test time ÷ limit, where a test's time is the time it held its
 * slot, measured in the same run), the longest wait for a slot, and what is left after the run.
 * Run by {@code scripts/scale}; asserts nothing.
 */
public final class ScaleHarness {

    private static final int PARALLELISM = 16;

    private ScaleHarness() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "both";
        int tests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.setProperty("vmservice.scale.tests", Integer.toString(tests));
        if (which.equals("local") || which.equals("both")) {
            local(tests);
        }
        if (which.equals("e2b") || which.equals("both")) {
            e2b(tests);
        }
    }

    private static void local(int tests) {
        Set<Path> dirsBefore = sandboxDirs();
        Run run = run(Map.of("vmservice.provider", "local", "vmservice.template", "minimal", "vmservice.max-sandboxes", "4"));
        Set<Path> left = sandboxDirs();
        left.removeAll(dirsBefore);
        run.print("== " + tests + " tests, JUnit parallelism " + PARALLELISM + ", local provider, minimal template,"
                + " vmservice.max-sandboxes=4");
        System.out.printf(Locale.ROOT, "left after the run: %d processes under this JVM, %d sandbox directories of this JVM%n",
                ProcessHandle.current().descendants().count(), left.size());
    }

    private static void e2b(int tests) {
        Set<Path> dirsBefore = sandboxDirs();
        long running;
        Run run;
        try (E2bProtocolServer server = new E2bProtocolServer(E2bProtocolServer.newApiKey()).teamConcurrencyLimit(10)) {
            // Ten E2B desktops, each a VM of its own on E2B, all boot on this machine's cores behind the
            // protocol server: their boots get the time a loaded machine needs.
            Map<String, String> e2b = Map.of("vmservice.e2b.apiKey", server.apiKey(), "vmservice.e2b.apiUrl", server.apiUrl(),
                    "vmservice.e2b.envdUrl", server.envdUrl(), "vmservice.boot-timeout", "3m");
            e2b.forEach(System::setProperty);
            try {
                run = run(Map.of("vmservice.provider", "e2b", "vmservice.max-sandboxes", "16"));
            } finally {
                e2b.keySet().forEach(System::clearProperty);
            }
            running = server.runningSandboxes();
        }
        run.print("== " + tests + " tests, JUnit parallelism " + PARALLELISM + ", E2B (protocol server, team limit 10),"
                + " desktop template, vmservice.max-sandboxes=16, vmservice.boot-timeout=3m");
        Set<Path> left = sandboxDirs();
        left.removeAll(dirsBefore);
        System.out.printf(Locale.ROOT, "left after the run: %d sandboxes running on E2B's side; once the server closed,"
                + " %d processes under this JVM, %d sandbox directories of this JVM%n", running,
                ProcessHandle.current().descendants().count(), left.size());
    }

    private static Run run(Map<String, String> settings) {
        Map<String, String> configuration = new LinkedHashMap<>(settings);
        configuration.put("junit.jupiter.execution.parallel.enabled", "true");
        configuration.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        configuration.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        configuration.put("junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(PARALLELISM));
        Run run = new Run();
        long start = System.nanoTime();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ScaleSuite.class))
                .configurationParameters(configuration).build(), run);
        run.wallNanos = System.nanoTime() - start;
        run.slots = ScaleSuite.CLIENT.getAndSet(null).slotStats();
        return run;
    }

    /** Local sandbox directories owned by this JVM (other processes' sandboxes share the base directory). */
    private static Set<Path> sandboxDirs() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "vmservice-local");
        if (!Files.isDirectory(base)) {
            return new HashSet<>();
        }
        String me = ProcessHandle.current().pid() + " ";
        try (Stream<Path> dirs = Files.list(base)) {
            return new HashSet<>(dirs.filter(dir -> ownedBy(dir, me)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ownedBy(Path dir, String pidAndSpace) {
        try {
            return Files.readString(dir.resolve("owner")).startsWith(pidAndSpace);
        } catch (IOException noOwner) {
            return false;
        }
    }

    /** What one launch did: each test's span from start to end (its wait, create, body and destroy). */
    private static final class Run implements TestExecutionListener {
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger passed = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger limitFailures = new AtomicInteger();
        private final Map<String, String> otherFailures = new ConcurrentHashMap<>();
        private long spanNanos;
        private long wallNanos;
        private SlotStats slots;

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                started.put(test.getUniqueId(), System.nanoTime());
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            running.decrementAndGet();
            synchronized (this) {
                spanNanos += System.nanoTime() - started.get(test.getUniqueId());
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed.incrementAndGet();
                return;
            }
            failed.incrementAndGet();
            Throwable cause = result.getThrowable().orElse(null);
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof QuotaExceededException) {
                    limitFailures.incrementAndGet();
                    return;
                }
            }
            otherFailures.put(test.getDisplayName(), String.valueOf(cause));
        }

        void print(String title) {
            int tests = passed.get() + failed.get();
            double wall = wallNanos / 1e9;
            double meanHeld = (spanNanos - slots.totalWait().toNanos()) / 1e9 / tests;
            double ideal = tests * meanHeld / slots.limit();
            System.out.println();
            System.out.println(title);
            System.out.printf(Locale.ROOT, "tests: %d passed, %d failed, %d of them failed by a limit; at most %d in flight at once%n",
                    passed.get(), failed.get(), limitFailures.get(), mostAtOnce.get());
            otherFailures.forEach((test, why) -> System.out.println("  failed: " + test + ": " + why));
            System.out.printf(Locale.ROOT, "wall time %.1f s; ideal %d tests x %.2f s mean test time / limit %d = %.1f s;"
                    + " ratio %.2f%n", wall, tests, meanHeld, slots.limit(), ideal, wall / ideal);
            System.out.printf(Locale.ROOT, "slot waits: %d creates waited, longest %.1f s, mean %.1f s; provider refusals"
                    + " (E2B 429): %d; limit at the end: %d%n", slots.waits(), slots.longestWait().toMillis() / 1e3,
                    slots.waits() == 0 ? 0 : slots.totalWait().toMillis() / 1e3 / slots.waits(), slots.providerRefusals(),
                    slots.limit());
        }
    }
}
