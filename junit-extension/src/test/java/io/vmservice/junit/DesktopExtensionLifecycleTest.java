package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.sandbox.SandboxInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension's lifecycles, run through JUnit's own engine (EngineTestKit) on real local
 * sandboxes: the cases below are test classes of their own, not run directly by the build.
 */
class DesktopExtensionLifecycleTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    private static Events run(Class<?> testClass, String... configuration) {
        SEEN.clear();
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter("vmservice.template", "minimal");
        for (int i = 0; i + 1 < configuration.length; i += 2) {
            request.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return request.execute().testEvents();
    }

    private static void assertGone(List<String> sandboxIds) {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "vmservice-local");
        assertThat(sandboxIds).isNotEmpty().allSatisfy(id -> assertThat(base.resolve(id)).doesNotExist());
    }

    @Test
    void injectsAFreshSandboxIntoEachTestAndDestroysItAfterwards() {
        Events events = run(ParameterCase.class);
        events.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertGone(SEEN);
    }

    @Test
    void aStaticFieldIsSharedByTheClassAndAnInstanceFieldIsFreshPerTest() {
        Events events = run(FieldCase.class);
        events.assertStatistics(stats -> stats.succeeded(2));
        List<String> shared = SEEN.stream().filter(s -> s.startsWith("shared:")).distinct().toList();
        List<String> fresh = SEEN.stream().filter(s -> s.startsWith("fresh:")).distinct().toList();
        assertThat(shared).hasSize(1);
        assertThat(fresh).hasSize(2);
        assertGone(SEEN.stream().map(s -> s.substring(s.indexOf(':') + 1)).distinct().toList());
    }

    @Test
    void aFailingTestLeavesArtifactsBeforeAfterEachAndItsSandboxIsDestroyed(@org.junit.jupiter.api.io.TempDir Path dir) {
        FailingCase.artifactsDir = dir;
        Events events = run(FailingCase.class, "vmservice.artifacts.dir", dir.toString());
        events.assertStatistics(stats -> stats.failed(1));
        assertThat(SEEN).contains("artifacts before @AfterEach: true");
        String id = SEEN.stream().filter(s -> s.startsWith("id:")).findFirst().orElseThrow().substring(3);
        Path artifacts = dir.resolve("FailingCase").resolve("fails");
        assertThat(artifacts.resolve(id + "-screen.png")).isNotEmptyFile();
        assertThat(artifacts.resolve(id + "-logs.txt")).exists();
        assertThat(artifacts.resolve(id + "-actions.txt")).content().contains("run echo about to fail");
        assertGone(List.of(id));
    }

    @Test
    void aTestThatTimesOutStillHasItsSandboxDestroyed() {
        Events events = run(TimeoutCase.class);
        events.assertStatistics(stats -> stats.failed(1));
        assertGone(SEEN);
    }

    @Test
    void parallelTestsGetDistinctSandboxes() {
        THREADS.clear();
        Events events = run(ParallelCase.class, "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3");
        events.assertStatistics(stats -> stats.succeeded(3));
        assertThat(SEEN).hasSize(3).doesNotHaveDuplicates();
        assertThat(THREADS).as("the tests ran on several threads at once").hasSizeGreaterThan(1);
        assertGone(SEEN);
    }

    @Test
    void nestedClassesGetSandboxesToo() {
        Events events = run(NestedCase.class);
        events.assertStatistics(stats -> stats.succeeded(2));
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertGone(SEEN);
    }

    @Test
    void aFlakyTestRunsAgainOnAFreshSandboxAndKeepsEachAttemptsArtifacts(@org.junit.jupiter.api.io.TempDir Path dir) {
        Events events = run(FlakyCase.class, "vmservice.artifacts.dir", dir.toString());
        events.assertStatistics(stats -> stats.started(3).aborted(2).succeeded(1).failed(0));
        assertThat(SEEN).hasSize(3).doesNotHaveDuplicates();
        for (int attempt = 1; attempt <= 2; attempt++) {
            Path attemptDir = dir.resolve("FlakyCase").resolve("passesOnTheThirdAttempt-attempt_" + attempt + "_of_4");
            assertThat(attemptDir.resolve(SEEN.get(attempt - 1) + "-screen.png")).isNotEmptyFile();
            assertThat(attemptDir.resolve(SEEN.get(attempt - 1) + "-video.webm")).as("each failed attempt's own video")
                    .isNotEmptyFile();
        }
        assertGone(SEEN);
    }

    @Test
    void configurationComesFromTheAnnotationThenSystemPropertiesThenPlatformProperties() {
        run(ConfigCase.class, "vmservice.resolution", "800x600");
        assertThat(SEEN).containsExactlyInAnyOrder("plain:800x600", "annotated:640x480");
        System.setProperty("vmservice.resolution", "1280x720");
        try {
            run(ConfigCase.class, "vmservice.resolution", "800x600");
        } finally {
            System.clearProperty("vmservice.resolution");
        }
        assertThat(SEEN).containsExactlyInAnyOrder("plain:1280x720", "annotated:640x480");
    }

    @Test
    void constructorParametersGetAFreshSandboxPerTest() {
        run(ConstructorCase.class).assertStatistics(stats -> stats.succeeded(2));
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertGone(SEEN);
    }

    @DesktopTest
    static class ConfigCase {
        @Test
        void plain(SandboxInfo info) {
            SEEN.add("plain:" + info.resolution());
        }

        @Test
        void annotated(@Sandbox(resolution = "640x480") SandboxInfo info) {
            SEEN.add("annotated:" + info.resolution());
        }
    }

    @DesktopTest
    static class ConstructorCase {
        private final Desktop desktop;

        ConstructorCase(Desktop desktop) {
            this.desktop = desktop;
        }

        @Test
        void one() {
            SEEN.add(desktop.sandboxId());
        }

        @Test
        void two() {
            SEEN.add(desktop.sandboxId());
        }
    }

    @DesktopTest
    static class FlakyCase {
        @RetryOnFreshSandbox(maxAttempts = 4)
        void passesOnTheThirdAttempt(Desktop desktop) {
            SEEN.add(desktop.sandboxId());
            assertThat(desktop.files().exists("/tmp/left-by-an-earlier-attempt")).isFalse();
            desktop.files().write("/tmp/left-by-an-earlier-attempt", "x");
            assertThat(SEEN).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void withReuseConfiguredTheNextTestGetsTheSameDesktopInItsBootState() {
        Events events = run(ReuseCase.class, "vmservice.local.reuse", "1");

        events.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(3);
        assertThat(SEEN.get(1)).as("the second test's display").isEqualTo(SEEN.get(0));
        assertThat(SEEN.get(2)).isEqualTo("left behind: false");
    }

    @DesktopTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ReuseCase {
        @Test
        @Order(1)
        void first(Desktop desktop) {
            desktop.files().write("/home/user/left-behind.txt", "by the first test");
            SEEN.add(desktop.run("echo $DISPLAY").stdout().strip());
        }

        @Test
        @Order(2)
        void second(Desktop desktop) {
            SEEN.add(desktop.run("echo $DISPLAY").stdout().strip());
            SEEN.add("left behind: " + desktop.files().exists("/home/user/left-behind.txt"));
        }
    }

    @DesktopTest
    static class ParameterCase {
        @Test
        void first(Desktop desktop, SandboxInfo info, VmServiceClient client) {
            assertThat(desktop.sandboxId()).isEqualTo(info.sandboxId());
            assertThat(client.getSandboxInfo(info.sandboxId()).template()).isEqualTo("minimal");
            SEEN.add(info.sandboxId());
        }

        @Test
        void second(Desktop desktop) {
            assertThat(desktop.run("echo ok").stdout()).isEqualTo("ok\n");
            SEEN.add(desktop.sandboxId());
        }
    }

    @DesktopTest
    static class FieldCase {
        @Sandbox
        static Desktop shared;

        @Sandbox(resolution = "800x600")
        Desktop fresh;

        @Test
        void one() {
            record();
        }

        @Test
        void two() {
            record();
        }

        private void record() {
            assertThat(fresh.info().resolution()).hasToString("800x600");
            SEEN.add("shared:" + shared.sandboxId());
            SEEN.add("fresh:" + fresh.sandboxId());
        }
    }

    @DesktopTest
    static class FailingCase {
        @Sandbox
        Desktop desktop;

        @Test
        void fails() {
            SEEN.add("id:" + desktop.sandboxId());
            desktop.run("echo about to fail");
            throw new AssertionError("deliberate failure");
        }

        static Path artifactsDir;

        @AfterEach
        void checkArtifactsExist() throws java.io.IOException {
            try (var files = Files.walk(artifactsDir)) {
                SEEN.add("artifacts before @AfterEach: " + files.anyMatch(p -> p.toString().endsWith("-screen.png")));
            }
        }
    }

    @DesktopTest
    static class TimeoutCase {
        @Test
        @Timeout(value = 1, unit = TimeUnit.SECONDS)
        void hangs(Desktop desktop) {
            SEEN.add(desktop.sandboxId());
            desktop.run("sleep 30");
        }
    }

    @DesktopTest
    static class ParallelCase {
        @Test
        void a(Desktop desktop) {
            work(desktop);
        }

        @Test
        void b(Desktop desktop) {
            work(desktop);
        }

        @Test
        void c(Desktop desktop) {
            work(desktop);
        }

        private static void work(Desktop desktop) {
            THREADS.add(Thread.currentThread().getName());
            desktop.run("sleep 1");
            SEEN.add(desktop.sandboxId());
        }
    }

    @DesktopTest
    static class NestedCase {
        @Test
        void outer(Desktop desktop) {
            SEEN.add(desktop.sandboxId());
        }

        @Nested
        class Inner {
            @BeforeEach
            void setUp(Desktop desktop) {
                desktop.files().write("/tmp/marker", "set up");
            }

            @Test
            void inner(Desktop desktop) {
                assertThat(desktop.files().read("/tmp/marker")).isEqualTo("set up");
                SEEN.add(desktop.sandboxId());
            }
        }
    }
}
