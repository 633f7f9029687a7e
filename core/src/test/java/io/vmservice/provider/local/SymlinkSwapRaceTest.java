package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A process inside the sandbox swaps a directory of its home for a symbolic link to a host
 * directory, as fast as it can, while the client writes and reads files under it. Checking the
 * path first and then opening it on the host would let a swap land in between and send the
 * write or read, done with this JVM's rights, to the host directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SymlinkSwapRaceTest {

    private static final Duration RACE = Duration.ofSeconds(6);
    private static final String SECRET = "host-only-" + System.nanoTime();

    private LocalProvider provider;
    private LocalSandbox sandbox;
    private Path hostDir;
    private BackgroundProcess swapper;

    @BeforeAll
    void boot() {
        provider = LocalProvider.create();
        sandbox = ((TrackedSandbox) provider.create("symlink-race",
                SandboxConfig.builder().template("minimal").build())).local();
    }

    @AfterAll
    void destroy() {
        provider.close();
    }

    @BeforeEach
    void startSwapper() throws Exception {
        hostDir = Files.createTempDirectory(Path.of("/var/tmp"), "vmservice-race-");
        Files.setPosixFilePermissions(hostDir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(hostDir.resolve("f.txt"), SECRET);
        // Moves a real directory and a link to the host directory in and out of the name "d"; a
        // directory the client created there in between is cleared away.
        String swap = "import os, shutil\n"
                + "os.chdir('/home/user')\n"
                + "def prepare():\n"
                + "    os.makedirs('real', exist_ok=True)\n"
                + "    open('real/f.txt', 'w').write('inside')\n"
                + "    if not os.path.islink('link'): os.symlink('" + hostDir + "', 'link')\n"
                + "prepare()\n"
                + "open('/tmp/swapping', 'w').close()\n"
                + "while True:\n"
                + "    for name in ('real', 'link'):\n"
                + "        try:\n"
                + "            os.rename(name, 'd'); os.rename('d', name)\n"
                + "        except OSError:\n"
                + "            if os.path.islink('d'): os.unlink('d')\n"
                + "            else: shutil.rmtree('d', ignore_errors=True)\n"
                + "            prepare()\n";
        sandbox.writeFile("/tmp/swap.py", swap.getBytes(StandardCharsets.UTF_8));
        swapper = sandbox.startBackground(DesktopCommand.of("python3", "/tmp/swap.py"));
        await("the swapper to start").atMost(Duration.ofSeconds(10))
                .until(() -> sandbox.run("test -e /tmp/swapping", Duration.ofSeconds(5)).exitCode() == 0);
    }

    @AfterEach
    void stopSwapper() {
        swapper.kill();
        SandboxLayout.deleteTree(hostDir);
    }

    @Test
    void writesNeverLandOutsideTheSandbox() {
        int attempts = 0;
        int written = 0;
        long end = System.nanoTime() + RACE.toNanos();
        while (System.nanoTime() < end) {
            attempts++;
            try {
                sandbox.writeFile("/home/user/d/f.txt", ("attempt " + attempts).getBytes(StandardCharsets.UTF_8));
                written++;
            } catch (VmServiceException refused) {
                // A swap seen in time is refused; what matters is where the others went.
            }
        }
        System.out.printf("symlink race: %d writes attempted, %d written%n", attempts, written);
        assertThat(swapper.isAlive()).as("the swapper ran throughout").isTrue();
        assertThat(hostDir.resolve("f.txt")).as("the host file").hasContent(SECRET);
        assertThat(hostDir.toFile().list()).as("files in the host directory").containsExactly("f.txt");
        assertThat(written).as("writes that reached the sandbox's own directory").isPositive();
    }

    @Test
    void readsNeverReturnAHostFile() {
        int attempts = 0;
        int read = 0;
        long end = System.nanoTime() + RACE.toNanos();
        while (System.nanoTime() < end) {
            attempts++;
            try {
                String content = new String(sandbox.readFile("/home/user/d/f.txt"), StandardCharsets.UTF_8);
                assertThat(content).as("content read through the swapped directory").isNotEqualTo(SECRET);
                read++;
            } catch (VmServiceException refused) {
                // Refused is fine.
            }
        }
        System.out.printf("symlink race: %d reads attempted, %d read%n", attempts, read);
        assertThat(swapper.isAlive()).as("the swapper ran throughout").isTrue();
        assertThat(read).as("reads that found the sandbox's own file").isPositive();
    }
}
