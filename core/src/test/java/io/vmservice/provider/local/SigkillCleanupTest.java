package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM killed with SIGKILL while holding sandboxes leaves no process behind. */
class SigkillCleanupTest {

    @Test
    void killedJvmLeavesNoSandboxProcessAndItsDirectoriesGoAtTheNextStart() throws Exception {
        Path baseDir = Path.of("/tmp", "vmservice-sigkill-" + System.nanoTime());
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SandboxHolder.class.getName(), baseDir.toString())
                .redirectErrorStream(true).start();
        try {
            List<Long> pids = readPids(holder);
            assertThat(pids).as("both sandboxes' processes").hasSizeGreaterThanOrEqualTo(6).allMatch(SigkillCleanupTest::alive);

            holder.destroyForcibly();  // SIGKILL: no shutdown hook, no finally, nothing runs in the JVM.
            assertThat(holder.waitFor(5, TimeUnit.SECONDS)).isTrue();

            await("every sandbox process to be gone").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> pids.stream().noneMatch(SigkillCleanupTest::alive));
            assertThat(baseDir.resolve("held-1")).as("left for the next start to remove").exists();

            LocalProvider.builder().baseDir(baseDir).build().close();
            assertThat(baseDir.resolve("held-1")).doesNotExist();
            assertThat(baseDir.resolve("held-2")).doesNotExist();
        } finally {
            holder.destroyForcibly();
            SandboxLayout.deleteTree(baseDir);
        }
    }

    private static List<Long> readPids(Process holder) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<List<Long>> pids = CompletableFuture.supplyAsync(() -> {
            List<Long> found = List.of();
            try {
                for (String line = out.readLine(); line != null && !line.equals("READY"); line = out.readLine()) {
                    seen.add(line);
                    if (line.startsWith("PIDS ")) {
                        found = Arrays.stream(line.substring(5).trim().split(" ")).map(Long::valueOf).toList();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return found;
        });
        try {
            return pids.get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the holder JVM did not get ready; it printed: " + seen, e);
        }
    }

    /**
     * Running, as opposed to gone or a zombie: a killed process whose new parent (the host's
     * init) has not collected it yet holds no resources and runs nothing, and some inits reap
     * only every second or so.
     */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }
}
