package io.vmservice.provider.local;

import io.vmservice.screen.Resolution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bubblewrap command line that boots one sandbox: its own user, PID, IPC, UTS (and, without
 * internet, network) namespaces, running as {@link SandboxUser}; the host's filesystem read-only; a private /home/user, /tmp and
 * /run; other users' homes and every other sandbox's directory hidden. Its first process is the
 * X server, so the sandbox lives exactly as long as its display.
 */
final class Bubblewrap {

    /** Where the framebuffer directory appears inside the sandbox. */
    static final String FRAMEBUFFER_MOUNT = "/run/vmservice/fb";
    /** Where the session's configuration appears inside the sandbox, first in XDG_CONFIG_DIRS. */
    static final String SESSION_CONFIG_MOUNT = "/run/vmservice/xdg";
    static final String HOME = "/home/user";
    /** XDG_RUNTIME_DIR inside: the session bus and AT-SPI's bus have their sockets here. */
    static final String RUNTIME_DIR = "/tmp/xdg-runtime";

    private Bubblewrap() {
    }

    static List<String> argv(SandboxLayout layout, SandboxUser user, Path baseDir, int display,
                             Resolution resolution, boolean allowInternet) {
        List<String> argv = new ArrayList<>(user.hostPrefix());
        argv.addAll(List.of(
                "bwrap",
                // Ties the sandbox to this JVM: if it dies, even by SIGKILL, the kernel kills bwrap
                // and with it the whole PID namespace.
                "--die-with-parent",
                "--new-session",
                "--unshare-user", "--uid", Integer.toString(SandboxUser.UID), "--gid", Integer.toString(SandboxUser.GID),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", "sandbox"));
        if (!allowInternet) {
            argv.add("--unshare-net");
        }
        argv.addAll(List.of(
                "--ro-bind", "/", "/",
                "--ro-bind", layout.passwd().toString(), "/etc/passwd",
                "--ro-bind", layout.group().toString(), "/etc/group",
                "--dev", "/dev",
                "--tmpfs", "/dev/shm",
                "--proc", "/proc",
                "--tmpfs", "/home",
                "--tmpfs", "/root",
                "--tmpfs", "/run",
                "--tmpfs", baseDir.toString(),
                "--bind", layout.home().toString(), HOME,
                "--bind", layout.tmp().toString(), "/tmp",
                "--bind", layout.framebufferDir().toString(), FRAMEBUFFER_MOUNT,
                "--ro-bind", layout.sessionConfig().toString(), SESSION_CONFIG_MOUNT,
                "--chdir", HOME,
                "--",
                "Xvfb", ":" + display,
                "-screen", "0", resolution.width() + "x" + resolution.height() + "x24",
                "-dpi", "96",
                // No TCP and no abstract socket: the display is reachable only through the
                // socket file in this sandbox's private /tmp.
                "-nolisten", "tcp", "-nolisten", "local",
                "-ac", "-noreset",
                // Without GLX, Xvfb does not load Mesa and LLVM: 45 MB less per sandbox. GTK and
                // Firefox draw in software either way.
                "-extension", "GLX",
                "-fbdir", FRAMEBUFFER_MOUNT,
                // Xvfb writes the display number here once it accepts clients.
                "-displayfd", "1"));
        return argv;
    }
}
