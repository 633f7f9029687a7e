package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.doctor.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which setting the fix names when bwrap cannot make its namespaces. This machine allows them,
 * and changing its sysctls would break every other sandbox on it, so the settings of machines
 * that forbid them are given as a /proc/sys tree of files.
 */
class UserNamespaceProbeTest {

    @TempDir
    Path procSys;

    @Test
    void debiansOwnSwitchComesFirst() throws IOException {
        sysctl("kernel/unprivileged_userns_clone", "0");
        sysctl("kernel/apparmor_restrict_unprivileged_userns", "1");

        assertThat(new UserNamespaceProbe(procSys).fix("")).isEqualTo(SystemBinaries.asRoot("sysctl -w kernel.unprivileged_userns_clone=1"));
    }

    @Test
    void ubuntusAppArmorRestrictionIsNamedWithTheContainerAsTheOtherWay() throws IOException {
        sysctl("kernel/unprivileged_userns_clone", "1");
        sysctl("kernel/apparmor_restrict_unprivileged_userns", "1");

        assertThat(new UserNamespaceProbe(procSys).fix(""))
                .contains("sysctl -w kernel.apparmor_restrict_unprivileged_userns=0").contains("debian:bookworm");
    }

    @Test
    void noUserNamespacesAtAll() throws IOException {
        sysctl("user/max_user_namespaces", "0");

        assertThat(new UserNamespaceProbe(procSys).fix("")).isEqualTo(SystemBinaries.asRoot("sysctl -w user.max_user_namespaces=15000"));
    }

    @Test
    void onThisMachineTheProbeRunsBubblewrap() {
        assertThat(new UserNamespaceProbe(Path.of("/proc/sys")).run(SystemBinaries.find("bwrap")).line())
                .startsWith("✓ user namespaces: bwrap --unshare-user");
    }

    @Test
    void aRefusedNamespaceIsACrossWithWhatBubblewrapSaid(@TempDir Path bin) throws IOException {
        // This bwrap runs inside a user namespace that may not nest another (bwrap --disable-userns):
        // the kernel refuses it the namespaces, as a machine that forbids them does.
        Path refused = Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\nexec " + SystemBinaries.find("bwrap")
                + " --unshare-user --disable-userns --ro-bind / / --dev /dev --proc /proc -- "
                + SystemBinaries.find("bwrap") + " \"$@\"\n");
        Files.setPosixFilePermissions(refused, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));

        Check check = new UserNamespaceProbe(Path.of("/proc/sys")).run(refused);

        assertThat(check.status()).isEqualTo(Check.Status.FAIL);
        assertThat(check.detail()).startsWith("bwrap --unshare-user failed (exit 1: bwrap: Creating new namespace failed");
        assertThat(check.fix()).isNotBlank();
    }

    private void sysctl(String name, String value) throws IOException {
        Files.createDirectories(procSys.resolve(name).getParent());
        Files.writeString(procSys.resolve(name), value + "\n");
    }
}
