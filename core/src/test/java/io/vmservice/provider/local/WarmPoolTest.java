package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The warm pool hands out booted sandboxes that nobody has used, and leaves nothing behind. */
class WarmPoolTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();
    /** The network interfaces the sandbox sees, one a line. */
    private static final String INTERFACES = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '";

    private final Path baseDir = Path.of("/tmp", "vmservice-pool-" + System.nanoTime());
    private LocalProvider provider;

    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
        }
        SandboxLayout.deleteTree(baseDir);
    }

    private LocalProvider pooled(int size, SandboxConfig... prewarm) {
        provider = LocalProvider.builder().baseDir(baseDir).warmPool(size).prewarm(prewarm).build();
        return provider;
    }

    private List<LocalSandbox> awaitWarm(int count) {
        return await(count + " warm sandboxes").atMost(BOOT)
                .until(provider::warmSandboxes, warm -> warm.size() >= count);
    }

    @Test
    void handsOutAWarmSandboxUnderTheCallersIdAndTheNextOneCarriesNothingFromIt() {
        pooled(1, MINIMAL);
        LocalSandbox warm = awaitWarm(1).get(0);

        TrackedSandbox first = (TrackedSandbox) provider.create("first", MINIMAL);
        assertThat(first.local()).isSameAs(warm);
        assertThat(first.id()).isEqualTo("first");
        assertThat(provider.activeCount()).isEqualTo(1);
        first.writeFile("/home/user/mine.txt", "first".getBytes(StandardCharsets.UTF_8));
        first.run("echo first > /tmp/first.txt", FIVE_SECONDS);
        first.startBackground(DesktopCommand.of("sleep", "600"));
        List<Long> firstProcesses = first.local().processes();
        Path firstDir = first.local().directory();
        first.close();

        LocalSandbox refilled = awaitWarm(1).get(0);
        try (TrackedSandbox second = (TrackedSandbox) provider.create("second", MINIMAL)) {
            assertThat(second.local()).isSameAs(refilled).isNotSameAs(warm);
            assertThat(second.local().directory()).isNotEqualTo(firstDir);
            assertThat(second.run("ls -A /home/user; ls /tmp", FIVE_SECONDS).stdout())
                    .doesNotContain("mine.txt", "first.txt");
            assertThat(second.run("ps -eo args", FIVE_SECONDS).stdout()).doesNotContain("sleep 600");
        }
        assertThat(firstDir).doesNotExist();
        assertThat(firstProcesses).isNotEmpty().noneMatch(WarmPoolTest::alive);
    }

    @Test
    void aConfigurationOfAnotherKindBootsColdAndIsKeptWarmFromThen() {
        pooled(1, MINIMAL);
        awaitWarm(1);
        SandboxConfig offline = MINIMAL.toBuilder().allowInternetAccess(false).build();

        try (TrackedSandbox sandbox = (TrackedSandbox) provider.create("offline", offline)) {
            assertThat(sandbox.local().directory().getFileName()).hasToString("offline");
            assertThat(sandbox.run(INTERFACES, FIVE_SECONDS).stdout()).isEqualTo("lo\n");
        }
        List<LocalSandbox> warm = awaitWarm(2);
        assertThat(warm).extracting(s -> s.config().allowInternetAccess()).containsExactlyInAnyOrder(true, false);

        try (TrackedSandbox sandbox = (TrackedSandbox) provider.create("offline-warm", offline)) {
            assertThat(warm).contains(sandbox.local());
            assertThat(sandbox.run(INTERFACES, FIVE_SECONDS).stdout())
                    .as("a warm offline sandbox is as offline as a cold one").isEqualTo("lo\n");
        }
    }

    @Test
    void theCallersCpuAndMemoryLimitsHoldInAWarmSandbox() throws IOException {
        Assumptions.assumeTrue(CgroupLimits.available(),
                "cgroup v1 controllers are not writable on this machine, so limits are not enforced here");
        pooled(1, MINIMAL);
        awaitWarm(1);
        SandboxConfig small = MINIMAL.toBuilder().cpuCount(1).memoryMb(768).build();

        try (TrackedSandbox sandbox = (TrackedSandbox) provider.create("small", small)) {
            assertThat(sandbox.local().directory().getFileName().toString()).startsWith("warm.");
            assertThat(sandbox.config()).isSameAs(small);
            sandbox.run("sleep 30 >/dev/null 2>&1 &", FIVE_SECONDS);
            Path memory = sandbox.local().cgroups().group("memory");
            assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim())
                    .isEqualTo(Long.toString(768L * 1024 * 1024));
            assertThat(Files.readString(sandbox.local().cgroups().group("cpu").resolve("cpu.cfs_quota_us")).trim())
                    .isEqualTo("100000");
            List<Long> inGroup = Files.readAllLines(memory.resolve("cgroup.procs")).stream().map(Long::valueOf).toList();
            assertThat(inGroup).containsAll(sandbox.local().processes());
        }
    }

    @Test
    void closingTheProviderDestroysWarmSandboxesAndOneStillBooting() throws IOException {
        pooled(2, MINIMAL);
        List<Long> processes = awaitWarm(1).get(0).processes();

        provider.close();

        assertThat(processes).isNotEmpty().noneMatch(WarmPoolTest::alive);
        assertThat(provider.warmSandboxes()).isEmpty();
        try (Stream<Path> left = Files.list(baseDir)) {
            assertThat(left).as("sandbox directories after close").isEmpty();
        }
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .as("bwrap processes of this base directory").noneMatch(line -> line.contains(baseDir.toString()));
    }

    @Test
    void aJvmThatExitsDrainsItsPool() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WarmPoolHolder.class.getName(), baseDir.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(holder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(holder.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            List<Long> pids = output.lines().filter(l -> l.startsWith("PIDS ")).findFirst()
                    .map(l -> Stream.of(l.substring(5).trim().split(" ")).map(Long::valueOf).toList())
                    .orElseThrow(() -> new AssertionError("the holder JVM printed no pids: " + output));

            assertThat(pids).hasSizeGreaterThanOrEqualTo(3).noneMatch(WarmPoolTest::alive);
            try (Stream<Path> left = Files.list(baseDir)) {
                assertThat(left).as("sandbox directories after the JVM exited").isEmpty();
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
