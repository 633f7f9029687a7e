package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.exception.PermissionDeniedException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Isolation, files, commands and teardown of local sandboxes, on the light template. */
class LocalSandboxLifecycleTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();

    private static LocalProvider provider;

    @BeforeAll
    static void startProvider() {
        provider = LocalProvider.create();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    private static TrackedSandbox create(SandboxConfig config) {
        return (TrackedSandbox) provider.create("life-" + System.nanoTime(), config);
    }

    @Test
    void twoSandboxesSeeNeitherEachOthersFilesNorProcesses() {
        try (TrackedSandbox a = create(MINIMAL); TrackedSandbox b = create(MINIMAL)) {
            a.writeFile("/home/user/secret-a.txt", "a".getBytes(StandardCharsets.UTF_8));
            a.run("echo a > /tmp/tmp-a.txt", FIVE_SECONDS);
            b.startBackground(io.vmservice.provider.DesktopCommand.of("sleep", "600"));

            assertThat(b.run("ls -a /home/user /tmp", FIVE_SECONDS).stdout()).doesNotContain("secret-a", "tmp-a");
            assertThatThrownBy(() -> b.readFile("/home/user/secret-a.txt")).isInstanceOf(VmServiceException.class)
                    .hasMessageContaining("no such file");
            // Started in the background, the sleep may not have replaced nsenter yet.
            await("b's sleep to run").atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(50))
                    .until(() -> b.run("ps -eo args", FIVE_SECONDS).stdout().contains("sleep 600"));
            assertThat(a.run("ps -eo args", FIVE_SECONDS).stdout()).doesNotContain("sleep 600");
            assertThat(a.run("ls " + provider.baseDir(), FIVE_SECONDS).exitCode())
                    .as("the host's sandbox directories are hidden").isNotZero();
            assertThat(a.run("id -un; cat /etc/shadow", FIVE_SECONDS))
                    .satisfies(r -> assertThat(r.stdout()).startsWith("user\n"))
                    .satisfies(r -> assertThat(r.stderr()).contains("Permission denied"));
        }
    }

    @Test
    void afterDestroyNoProcessOfTheSandboxRemainsAndItsDirectoryIsGone() {
        TrackedSandbox sandbox = create(MINIMAL);
        sandbox.startBackground(io.vmservice.provider.DesktopCommand.of("sleep", "600"));
        // The namespace's init, Xvfb, openbox and the sleep.
        List<Long> pids = org.awaitility.Awaitility.await().atMost(FIVE_SECONDS)
                .until(() -> sandbox.local().processes(), found -> found.size() >= 4);
        Path dir = sandbox.local().directory();

        sandbox.close();

        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> sandbox.run("true", FIVE_SECONDS)).isInstanceOf(SandboxNotFoundException.class);
        sandbox.close();
    }

    @Test
    void cpuMemoryAndProcessLimitsHoldEveryProcessWhereCgroupsAreWritable() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(CgroupLimits.available(),
                "cgroup v1 controllers are not writable on this machine, so limits are not enforced here");
        try (TrackedSandbox sandbox = create(MINIMAL.toBuilder().cpuCount(1).memoryMb(768).build())) {
            sandbox.run("sleep 30 >/dev/null 2>&1 &", FIVE_SECONDS);
            Path memory = sandbox.local().cgroups().group("memory");
            assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim())
                    .isEqualTo(Long.toString(768L * 1024 * 1024));
            Path cpu = sandbox.local().cgroups().group("cpu");
            assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("100000");
            List<Long> inGroup = Files.readAllLines(memory.resolve("cgroup.procs")).stream().map(Long::valueOf).toList();
            assertThat(inGroup).containsAll(sandbox.local().processes());
        }
    }

    @Test
    void runsCommandsWithExitCodeOutputAndEnvironment() {
        SandboxConfig config = MINIMAL.toBuilder().env("GREETING", "hi there").workingDirectory("/tmp").build();
        try (TrackedSandbox sandbox = create(config)) {
            CommandResult r = sandbox.run("echo \"$GREETING\"; pwd; echo oops >&2; exit 3", FIVE_SECONDS);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("hi there\n/tmp\n");
            assertThat(r.stderr()).isEqualTo("oops\n");
            assertThat(sandbox.run("echo $DISPLAY", FIVE_SECONDS).stdout()).startsWith(":");
        }
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() {
        try (TrackedSandbox sandbox = create(MINIMAL)) {
            assertThatThrownBy(() -> sandbox.run("echo started; sleep 300 & sleep 301", Duration.ofMillis(700)))
                    .isInstanceOfSatisfying(CommandTimeoutException.class, e -> {
                        assertThat(e.stdout()).isEqualTo("started\n");
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(700));
                    });
            assertThat(sandbox.run("ps -eo args", FIVE_SECONDS).stdout()).doesNotContain("sleep 301");
        }
    }

    @Test
    void writesAndReadsTextAndBinaryFilesAndRefusesPathsOutside() throws IOException {
        try (TrackedSandbox sandbox = create(MINIMAL)) {
            byte[] binary = new byte[256 * 1024];
            new java.util.Random(7).nextBytes(binary);
            sandbox.writeFile("/home/user/deep/dir/blob.bin", binary);
            sandbox.writeFile("/tmp/hello.txt", "héllo\n".getBytes(StandardCharsets.UTF_8));

            assertThat(sandbox.readFile("/home/user/deep/dir/blob.bin")).isEqualTo(binary);
            assertThat(sandbox.run("sha256sum /home/user/deep/dir/blob.bin", FIVE_SECONDS).stdout())
                    .startsWith(sha256(binary));
            assertThat(sandbox.run("cat /tmp/hello.txt && echo more >> /home/user/deep/dir/x", FIVE_SECONDS).stdout())
                    .as("written files belong to the sandbox's user").isEqualTo("héllo\n");
            assertThat(new String(sandbox.readFile("/etc/hostname"), StandardCharsets.UTF_8)).isNotEmpty();

            assertThatThrownBy(() -> sandbox.writeFile("/home/user/../../etc/cron.d/x", new byte[1]))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("only /home/user and /tmp");
            sandbox.run("ln -s /etc /home/user/etc-link", FIVE_SECONDS);
            assertThatThrownBy(() -> sandbox.writeFile("/home/user/etc-link/evil", new byte[1]))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> sandbox.readFile("/home/user/missing.txt")).isInstanceOf(VmServiceException.class)
                    .hasMessageContaining("no such file");
        }
    }

    @Test
    void withoutInternetAccessASandboxCannotReachAServerOnTheHost() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        server.accept().close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String connect = "timeout 3 bash -c 'echo > /dev/tcp/127.0.0.1/" + server.getLocalPort() + "'";
            try (TrackedSandbox offline = create(MINIMAL.toBuilder().allowInternetAccess(false).build());
                 TrackedSandbox online = create(MINIMAL)) {
                assertThat(offline.run(connect, FIVE_SECONDS).exitCode()).isNotZero();
                assertThat(online.run(connect, FIVE_SECONDS).exitCode()).isZero();
            }
        }
    }

    @Test
    void aBootThatRunsOutOfTimeFailsWithItsLogsAndLeavesNothingBehind() throws IOException {
        Path baseDir = Path.of("/tmp", "vmservice-boot-fails-" + System.nanoTime());
        LocalProvider hurried = LocalProvider.builder().baseDir(baseDir).bootTimeout(Duration.ofMillis(1)).build();
        try {
            assertThatThrownBy(() -> hurried.create("hurried", MINIMAL)).isInstanceOf(SandboxCreationException.class)
                    .hasMessageContaining("did not accept clients within 1 ms");
            try (var left = Files.list(baseDir)) {
                assertThat(left).as("sandbox directories after the failed boot").isEmpty();
            }
            assertThat(ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse("")))
                    .as("bwrap processes of this base directory").noneMatch(line -> line.contains(baseDir.toString()));
        } finally {
            hurried.close();
            SandboxLayout.deleteTree(baseDir);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
