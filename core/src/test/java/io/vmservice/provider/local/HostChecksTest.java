package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.doctor.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that read the kernel's and the distribution's files, given other machines' files:
 * this machine is one Debian 12 with plenty of memory, and its files cannot show anything else.
 */
class HostChecksTest {

    @TempDir
    Path dir;

    @Test
    void debian12IsTheTestedPlatform() throws IOException {
        Check check = checks(osRelease("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"),
                null).distribution();

        assertThat(check.line()).isEqualTo("✓ distribution: Debian GNU/Linux 12 (bookworm), the platform this project"
                + " is tested on");
    }

    @Test
    void ubuntuIsNamedWithWhatItLacksAndTheContainerToUseInstead() throws IOException {
        Check check = checks(osRelease("PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n"),
                null).distribution();

        assertThat(check.status()).isEqualTo(Check.Status.WARN);
        assertThat(check.detail()).startsWith("Ubuntu 24.04.1 LTS: not tested; Debian 12 is").contains("firefox-esr");
        assertThat(check.fix()).contains("debian:bookworm container");
    }

    @Test
    void tooLittleMemoryForTheDesktopsAskedForSaysHowManyFit() throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:  4000000 kB\nMemAvailable:  1200000 kB\n");

        HostChecks checks = checks(dir.resolve("no-os-release"), meminfo);

        assertThat(checks.memory(2).status()).isEqualTo(Check.Status.PASS);
        Check four = checks.memory(4);
        assertThat(four.line()).isEqualTo("✗ memory for 4 desktops: 1171 MB available, 2048 MB needed at 512 MB each"
                + " — fix: free memory, or run at most 2 desktops at once (fewer parallel tests, a smaller warm pool)");
    }

    @Test
    void aMissingSharedMemoryDirectoryFails() {
        HostChecks checks = new HostChecks(dir.resolve("os-release"), dir.resolve("meminfo"), dir.resolve("shm"));

        assertThat(checks.sharedMemory().status()).isEqualTo(Check.Status.FAIL);
        assertThat(checks.sharedMemory().fix()).contains("mount -t tmpfs");
        assertThat(checks.distribution().status()).isEqualTo(Check.Status.WARN);
    }

    private Path osRelease(String text) throws IOException {
        return Files.writeString(dir.resolve("os-release"), text);
    }

    private HostChecks checks(Path osRelease, Path meminfo) {
        return new HostChecks(osRelease, meminfo == null ? Path.of("/proc/meminfo") : meminfo, Path.of("/dev/shm"));
    }
}
