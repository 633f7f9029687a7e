package io.vmservice.provider.local;

import io.vmservice.internal.Poll;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A desktop as it was right after its boot, to bring a used desktop back to it: the session's
 * processes, the X server's state, every file and directory the sandbox can write, its IPC
 * objects and its screen. {@link #restore} ends what a test started, deletes what it wrote, puts
 * input and workspace back, and compares everything again; a desktop is reused only when all of
 * it matches.
 */
final class DesktopBaseline {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * xfce4's settings daemon, started on demand over D-Bus: stopping it makes it write every
     * setting a test changed, which is how a restore finds them.
     */
    private static final String SETTINGS_DAEMON = "xfconfd";
    private static final String SAVED_SETTINGS = Bubblewrap.HOME + "/.config/xfce4/xfconf";
    private static final String WRITABLE = "/home /tmp /run /dev/shm /root";

    /** Equal text, equal state. The active window is left out: any window of the session may hold the focus. */
    private static final String STATE = String.join("\n",
            "set -o pipefail",
            "echo '== root window'; xprop -root | grep -v '^_NET_ACTIVE_WINDOW'",
            "echo '== windows'; xwininfo -root -tree",
            "echo '== settings'; xset q",
            "echo '== keys and buttons'; xinput query-state 'Virtual core keyboard'; xinput query-state 'Virtual core pointer'",
            "echo '== keymap'; xkbcomp -xkb \"$DISPLAY\" - 2>/dev/null | md5sum",
            // The framebuffer's contents change by themselves; its place and size do not.
            "echo '== files'; find " + WRITABLE + " -path /run/vmservice/fb/Xvfb_screen0 -printf '%p framebuffer %s\\n'"
                    + " -o -type d -printf '%p d %m %u\\n' -o -printf '%p %y %m %u %s %T@\\n' | LC_ALL=C sort",
            // Shared memory marked for removal goes with its last user.
            "echo '== ipc'; ipcs -m | awk 'NR > 3 && !/dest/'; ipcs -s | tail -n +4; ipcs -q | tail -n +4");

    /** Every path the sandbox can write, NUL-separated and sorted. */
    private static final String PATHS = "LC_ALL=C find " + WRITABLE + " -mindepth 1 -print0 | LC_ALL=C sort -z";

    /** Exit status of {@link #RESET} when the session's settings were changed. */
    private static final int SETTINGS_CHANGED = 3;

    /**
     * In one process, as each costs a few milliseconds: stops when xfconfd saved changed settings
     * ($3; it has been stopped), releases buttons and modifiers, returns to the first workspace
     * and the pointer to the middle of the screen ($1 $2, where boot leaves it), deletes every
     * path missing from the baseline's list (on standard input), and prints the state.
     */
    private static final String RESET = String.join("\n",
            "set -o pipefail",
            "saved=$([ ! -d \"$3\" ] || find \"$3\" -type f)",
            "if [ -n \"$saved\" ]; then echo \"$saved\" >&2; exit " + SETTINGS_CHANGED + "; fi",
            "xdotool mouseup 1 mouseup 2 mouseup 3 keyup --delay 0 Shift_L Shift_R Control_L Control_R Alt_L Alt_R"
                    + " Super_L Super_R mousemove \"$1\" \"$2\" || exit",
            // The window manager switches workspaces when it gets to the request.
            "if [ \"$(xdotool get_desktop)\" != 0 ]; then",
            "  xdotool set_desktop 0 || exit",
            "  for i in $(seq 200); do [ \"$(xdotool get_desktop)\" = 0 ] && break; sleep 0.01; done",
            "fi",
            "LC_ALL=C comm -z -13 /dev/stdin <(" + PATHS + ") | xargs -0 -r rm -rf -- || exit",
            STATE);

    /** Programs a restore runs inside the sandbox, with the Debian packages that install them. */
    static final Map<String, String> BINARIES = Map.of("xprop", "x11-utils", "xwininfo", "x11-utils",
            "xinput", "xinput", "xkbcomp", "x11-xkb-utils", "ipcs", "util-linux", "comm", "coreutils");

    private final Map<Long, Instant> session;
    private final String state;
    private final Screenshot screen;

    private DesktopBaseline(Map<Long, Instant> session, String state, Screenshot screen) {
        this.session = session;
        this.state = state;
        this.screen = screen;
    }

    /**
     * Records a desktop that has just booted, once its screen has stopped changing.
     *
     * @param paths where to keep the list of the sandbox's paths, a file only this JVM reaches
     */
    static DesktopBaseline capture(LocalSandbox sandbox, Path paths) {
        Screenshot screen = settledScreen(sandbox);
        Map<Long, Instant> session = new HashMap<>();
        for (ProcessHandle process : processes(sandbox)) {
            if (!isSettingsDaemon(process)) {
                session.put(process.pid(), startOf(process));
            }
        }
        CommandResult listed = sandbox.exec(DesktopCommand.of("/bin/bash", "-c", PATHS), null, paths, STEP_TIMEOUT);
        if (listed.exitCode() != 0) {
            throw new IllegalStateException("cannot list the files of sandbox " + sandbox.name() + ": " + listed.stderr());
        }
        return new DesktopBaseline(session, state(sandbox), screen);
    }

    /**
     * Brings a used desktop back to this baseline.
     *
     * @param paths the file {@link #capture} listed the sandbox's paths in
     * @return empty when the desktop now matches its baseline in every recorded respect, or what
     *     still differs; the desktop must then be destroyed
     */
    Optional<String> restore(LocalSandbox sandbox, Path paths) {
        sandbox.killBackground();
        endProcessesStartedSinceBoot(sandbox);
        String ended = session.entrySet().stream()
                .filter(e -> isZombie(e.getKey())
                        || ProcessHandle.of(e.getKey()).map(DesktopBaseline::startOf).filter(e.getValue()::equals).isEmpty())
                .map(e -> Long.toString(e.getKey()))
                .collect(Collectors.joining(", "));
        if (!ended.isEmpty()) {
            return Optional.of("processes of its session ended (host pids " + ended + ")");
        }
        stopSettingsDaemon(sandbox);
        int x = sandbox.config().resolution().width() / 2;
        int y = sandbox.config().resolution().height() / 2;
        CommandResult reset = sandbox.exec(DesktopCommand.of("/bin/bash", "-c", RESET, "reset",
                Integer.toString(x), Integer.toString(y), SAVED_SETTINGS), paths, null, STEP_TIMEOUT);
        if (reset.exitCode() == SETTINGS_CHANGED) {
            return Optional.of("its session's settings were changed: " + reset.stderr().strip().replace('\n', ' '));
        }
        if (reset.exitCode() != 0) {
            return Optional.of("its reset failed: " + reset.stderr().strip());
        }
        if (!reset.stdout().equals(state)) {
            return Optional.of("its state differs from its boot's: " + firstDifference(state, reset.stdout()));
        }
        return screenDifference(sandbox);
    }

    /**
     * The screen once two frames 100 ms apart agree; a screen that keeps changing gives its last
     * frame, which a restore will then hardly match, so the desktop is destroyed rather than reused.
     */
    private static Screenshot settledScreen(LocalSandbox sandbox) {
        return Poll.await("the screen of sandbox " + sandbox.name() + " to settle", SETTLE_TIMEOUT, Duration.ofMillis(100))
                .firstLookAfter(Duration.ofMillis(100))
                .until(new Frames(null, sandbox.screenshot()), frames -> new Frames(frames.last(), sandbox.screenshot()),
                        Frames::agree)
                .last().last();
    }

    /** The last two frames of a settling screen; the first look has only one. */
    private record Frames(Screenshot previous, Screenshot last) {
        boolean agree() {
            return previous != null && previous.samePixels(last);
        }
    }

    /** Kills, until none is left, every process that the session did not start at boot. */
    private void endProcessesStartedSinceBoot(LocalSandbox sandbox) {
        boolean ended = Poll.await("processes started in sandbox " + sandbox.name() + " to end", STEP_TIMEOUT,
                Duration.ofMillis(10)).untilTrue(() -> {
                    List<ProcessHandle> started = processes(sandbox).stream()
                            .filter(p -> !fromBoot(p) && !isSettingsDaemon(p))
                            .toList();
                    started.forEach(ProcessHandle::destroyForcibly);
                    return started.isEmpty();
                });
        if (!ended) {
            throw new IllegalStateException("processes keep starting in sandbox " + sandbox.name());
        }
    }

    private static void stopSettingsDaemon(LocalSandbox sandbox) {
        List<ProcessHandle> daemons = processes(sandbox).stream().filter(DesktopBaseline::isSettingsDaemon).toList();
        daemons.forEach(ProcessHandle::destroy);
        if (!Poll.await("xfconfd of sandbox " + sandbox.name() + " to save and stop", STEP_TIMEOUT, Duration.ofMillis(10))
                .untilTrue(() -> daemons.stream().noneMatch(ProcessHandle::isAlive))) {
            daemons.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private Optional<String> screenDifference(LocalSandbox sandbox) {
        boolean same = Poll.await("the screen of sandbox " + sandbox.name() + " to be its boot's", SETTLE_TIMEOUT,
                Duration.ofMillis(20)).untilTrue(() -> sandbox.screenshot().samePixels(screen));
        return same ? Optional.empty() : Optional.of("its screen differs from its boot's");
    }

    private boolean fromBoot(ProcessHandle process) {
        Instant started = session.get(process.pid());
        return started != null && started.equals(startOf(process));
    }

    /**
     * The sandbox's processes that still run. A killed process whose parent was outside the
     * sandbox (a command's nsenter) waits as a zombie for the host's init, which may take a
     * second to collect it; it holds nothing any more.
     */
    private static List<ProcessHandle> processes(LocalSandbox sandbox) {
        return sandbox.processes().stream().filter(pid -> !isZombie(pid))
                .flatMap(pid -> ProcessHandle.of(pid).stream()).toList();
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    private static boolean isSettingsDaemon(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/" + SETTINGS_DAEMON)).orElse(false);
    }

    private static Instant startOf(ProcessHandle process) {
        return process.info().startInstant().orElse(Instant.EPOCH);
    }

    private static String state(LocalSandbox sandbox) {
        CommandResult result = sandbox.exec(DesktopCommand.of("/bin/bash", "-c", STATE), STEP_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("cannot read the state of sandbox " + sandbox.name() + ": " + result.stderr());
        }
        return result.stdout();
    }

    private static String firstDifference(String expected, String actual) {
        String[] before = expected.split("\n", -1);
        String[] after = actual.split("\n", -1);
        for (int i = 0; i < Math.max(before.length, after.length); i++) {
            String was = i < before.length ? before[i] : "(nothing)";
            String is = i < after.length ? after[i] : "(nothing)";
            if (!was.equals(is)) {
                return "\"" + was + "\" became \"" + is + "\"";
            }
        }
        return "(no line differs)";
    }
}
