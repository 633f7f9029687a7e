package io.vmservice.provider.local;

import io.vmservice.doctor.Check;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starts {@code true} in the namespaces a sandbox gets, as the user a sandbox runs as: the one way
 * to know that this kernel, its sysctls, AppArmor and any container around this machine let
 * bubblewrap do its work.
 */
final class UserNamespaceProbe {

    static final String SUBJECT = "user namespaces";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** What bwrap says when the kernel or a container refuses it a namespace. */
    private static final Pattern NAMESPACE_REFUSED = Pattern.compile(
            "namespace|uid map|Operation not permitted|No permissions", Pattern.CASE_INSENSITIVE);

    private final Path procSys;

    /** @param procSys where the kernel's sysctls are read, {@code /proc/sys} */
    UserNamespaceProbe(Path procSys) {
        this.procSys = procSys;
    }

    Check run(Path bwrap) {
        if (bwrap == null) {
            return Check.fail(SUBJECT, "not tried: bwrap is not installed", SystemBinaries.installLine(List.of("bubblewrap")));
        }
        List<String> argv = new ArrayList<>(SandboxUser.allocate().hostPrefix());
        argv.addAll(List.of(bwrap.toString(), "--die-with-parent",
                "--unshare-user", "--uid", Integer.toString(SandboxUser.UID), "--gid", Integer.toString(SandboxUser.GID),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--chdir", "/", "--", "true"));
        CommandResult result;
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("vmservice-doctor-");
            result = ProcessRunner.run(argv, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), TIMEOUT, scratch,
                    "the user namespace probe");
        } catch (IOException | VmServiceException e) {
            return Check.fail(SUBJECT, "bwrap could not be run: " + e.getMessage(), fix(""));
        } finally {
            ProcessRunner.deleteQuietly(scratch);
        }
        if (result.exitCode() == 0) {
            return Check.pass(SUBJECT, "bwrap --unshare-user --unshare-pid --unshare-net ran"
                    + (SandboxUser.isRoot() ? " as an unprivileged user" : ""));
        }
        String said = result.stderr().strip();
        return Check.fail(SUBJECT, "bwrap --unshare-user failed (exit " + result.exitCode() + (said.isEmpty() ? "" : ": " + said)
                + ")", fix(said));
    }

    /** The setting that stops unprivileged user namespaces here, and how to lift it. */
    String fix(String bwrapSaid) {
        if ("0".equals(sysctl("kernel/unprivileged_userns_clone"))) {
            return SystemBinaries.asRoot("sysctl -w kernel.unprivileged_userns_clone=1");
        }
        if ("0".equals(sysctl("user/max_user_namespaces"))) {
            return SystemBinaries.asRoot("sysctl -w user.max_user_namespaces=15000");
        }
        if ("1".equals(sysctl("kernel/apparmor_restrict_unprivileged_userns"))) {
            return "AppArmor restricts user namespaces (Ubuntu 23.10 and later): "
                    + SystemBinaries.asRoot("sysctl -w kernel.apparmor_restrict_unprivileged_userns=0")
                    + ", or run in the debian:bookworm container";
        }
        boolean refused = NAMESPACE_REFUSED.matcher(bwrapSaid).find();
        if (refused && (Files.exists(Path.of("/.dockerenv")) || Files.exists(Path.of("/run/.containerenv")))) {
            return "this is a container that forbids new namespaces: start it with --privileged"
                    + " (GitHub Actions: container options: --privileged)";
        }
        if (refused || bwrapSaid.isEmpty()) {
            return "let unprivileged users create user namespaces on this machine (a kernel setting, a security"
                    + " module or a seccomp filter forbids them)";
        }
        return "bwrap must be able to run as an unprivileged user; it said: " + bwrapSaid;
    }

    private String sysctl(String name) {
        try {
            return Files.readString(procSys.resolve(name)).strip();
        } catch (IOException | SecurityException absent) {
            return null;
        }
    }
}
