package io.vmservice.provider.e2b;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.internal.Poll;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.screen.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up a sandbox's desktop the way E2B's desktop SDK does: Xvfb in the background with no
 * deadline, a wait until {@code xdpyinfo} reaches the display, then {@code startxfce4} in the
 * background. Two differences, both so that creation either works or fails in bounded time:
 * every wait counts against one deadline (E2B's own loop spins without bound while xdpyinfo
 * fails), and creation also waits until xfce4's window manager runs and its panel and desktop
 * are drawn, so the desktop takes input and manages windows when it is handed out: a window
 * opened while xfce4 was still starting was left without a frame in about half the runs.
 *
 * <p>On a crowded host xfce4's session now and then fails to reach the display and ends (3 of
 * 200 boots at load 30: "xfce4-session: Cannot open display"), or never starts its window
 * manager. A session that has ended (its command gone, none of its processes running) is started
 * again as soon as that is seen; a session still running with no window manager once half the
 * boot time has passed gets xfwm4 in its place; and creation waits on. A failure quotes the
 * session's log and which of xfce4's processes run, so it says why without a shell in the sandbox.
 */
final class E2bDesktop {

    static final String DISPLAY = ":0";
    static final String XVFB_LOG = "/tmp/vmservice-xvfb.log";
    static final String SESSION_LOG = "/tmp/vmservice-xfce4.log";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_PROBE = Duration.ofSeconds(5);
    static final String WINDOW_MANAGER_PROBE =
            "xprop -display " + DISPLAY + " -root _NET_SUPPORTING_WM_CHECK | grep -q 'window id'";
    private static final Logger LOG = LoggerFactory.getLogger(E2bDesktop.class);

    private final EnvdProcesses processes;
    private final String cwd;

    E2bDesktop(EnvdProcesses processes, String cwd) {
        this.processes = processes;
        this.cwd = cwd;
    }

    /** E2B's Xvfb line: 24-bit colour, 96 dpi, no TCP and no socket file (only the abstract socket). */
    static String xvfbCommand(Resolution resolution) {
        return "Xvfb " + DISPLAY + " -ac -screen 0 " + resolution.width() + "x" + resolution.height() + "x24"
                + " -retro -dpi 96 -nolisten tcp -nolisten unix 2>" + XVFB_LOG;
    }

    /**
     * Where the session bus listens. E2B's {@code startxfce4} would start one at an address only its
     * own processes learn; at a fixed address, given to every process through the sandbox's
     * environment, commands reach it too, and with it AT-SPI's accessibility bus.
     */
    static final String SESSION_BUS = "unix:path=/tmp/vmservice-session-bus";

    /** What every process of an E2B sandbox gets: the display, the session bus, the accessibility switch. */
    static Map<String, String> environment() {
        return Map.of("DISPLAY", DISPLAY, "DBUS_SESSION_BUS_ADDRESS", SESSION_BUS, "GNOME_ACCESSIBILITY", "1");
    }

    /** The session bus first (xfce4 then uses it rather than starting its own), then xfce4. */
    static String sessionCommand() {
        return "dbus-daemon --session --address=\"$DBUS_SESSION_BUS_ADDRESS\" --fork --nopidfile --nosyslog"
                + " >" + SESSION_LOG + " 2>&1; startxfce4 >>" + SESSION_LOG + " 2>&1";
    }

    /** Starts Xvfb and xfce4 and returns once xfce4 has come up, or fails when {@code timeout} is spent. */
    long start(Resolution resolution, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        processes.start(xvfbCommand(resolution), cwd, null);
        awaitCommand("Xvfb to accept clients on " + DISPLAY, "xdpyinfo -display " + DISPLAY + " >/dev/null", deadline,
                "Could not start Xvfb");
        long session = processes.start(sessionCommand(), cwd, null);
        Instant halfway = Instant.now().plus(timeout.dividedBy(2));
        awaitWindowManager(session, halfway.isBefore(deadline) ? halfway : deadline, deadline);
        awaitCommand("xfce4's panel and desktop to be drawn on " + DISPLAY,
                "DISPLAY=" + DISPLAY + " xdotool search --onlyvisible --class xfce4-panel >/dev/null"
                        + " && DISPLAY=" + DISPLAY + " xdotool search --onlyvisible --class xfdesktop >/dev/null",
                deadline, "xfce4 did not start");
        // As E2B's template does at login: no screen saver or power saving blanking the screen mid-test.
        processes.run("xset -display " + DISPLAY + " s off s noblank -dpms", cwd, null, MAX_PROBE);
        return session;
    }

    /**
     * xfce4's own window manager; a new session as soon as the first has ended, or else, once
     * {@code graceEnd} has passed, xfwm4 in the place of the one the session did not start.
     */
    private void awaitWindowManager(long session, Instant graceEnd, Instant deadline) {
        String what = "xfce4's window manager to run on " + DISPLAY;
        Instant start = Instant.now();
        Duration grace = Duration.between(start, graceEnd);
        SessionState state = grace.isNegative() || grace.isZero() ? null
                : Poll.await(what, grace, POLL).untilFound(() -> sessionState(session, deadline)).last();
        if (state == SessionState.WINDOW_MANAGER) {
            return;
        }
        if (Instant.now().isBefore(deadline)) {
            boolean sessionEnded = state == SessionState.ENDED || nothingOfTheSessionRuns(deadline);
            LOG.warn("xfce4 started no window manager in {} ms; starting {}. {}",
                    Duration.between(start, Instant.now()).toMillis(),
                    sessionEnded ? "its session again, which had ended" : "xfwm4 in its place", diagnosis());
            processes.start(sessionEnded ? "startxfce4 >>" + SESSION_LOG + " 2>&1"
                    : "xfwm4 --display " + DISPLAY + " --replace >>" + SESSION_LOG + " 2>&1", cwd, null);
        }
        awaitCommand(what, WINDOW_MANAGER_PROBE, deadline, "xfce4 did not start");
    }

    /** What the first session has come to while it is given time: null while it is still starting. */
    private enum SessionState { WINDOW_MANAGER, ENDED }

    private SessionState sessionState(long session, Instant deadline) {
        if (probe(WINDOW_MANAGER_PROBE, deadline).exitCode() == 0) {
            return SessionState.WINDOW_MANAGER;
        }
        // the command's end alone is not enough: a session may go on in processes it left behind
        return !processes.list().contains(session) && nothingOfTheSessionRuns(deadline) ? SessionState.ENDED : null;
    }

    /** Neither xfce4-session nor its panel runs. */
    private boolean nothingOfTheSessionRuns(Instant deadline) {
        return probe("pgrep -x xfce4-session >/dev/null || pgrep -x xfce4-panel >/dev/null", deadline).exitCode() != 0;
    }

    /** True when the display answers, e.g. after reconnecting to a sandbox started earlier. */
    boolean isRunning() {
        return processes.run("xdpyinfo -display " + DISPLAY + " >/dev/null 2>&1", cwd, null, MAX_PROBE).exitCode() == 0;
    }

    private void awaitCommand(String what, String probe, Instant deadline, String failure) {
        Instant start = Instant.now();
        if (!awaited(what, probe, deadline)) {
            throw new SandboxCreationException(failure + ": gave up after waiting "
                    + Duration.between(start, Instant.now()).toMillis() + " ms for " + what + ". " + diagnosis());
        }
    }

    private boolean awaited(String what, String probe, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return !left.isNegative() && !left.isZero()
                && Poll.await(what, left, POLL).untilTrue(() -> probe(probe, deadline).exitCode() == 0);
    }

    /** The end of the session's log and which of xfce4's processes run, as far as the sandbox still answers. */
    private String diagnosis() {
        try {
            CommandResult seen = processes.run("tail -n 12 " + SESSION_LOG + " " + XVFB_LOG
                    + "; echo '==> xfce4 processes <=='; pgrep -l 'xfce4|xfwm4|xfdesktop|xfconfd|xfsettingsd'",
                    cwd, null, MAX_PROBE);
            return "The sandbox's logs and processes:\n" + seen.stdout().strip();
        } catch (RuntimeException unanswered) {
            return "The sandbox did not show its logs either (" + unanswered.getMessage() + "); see " + XVFB_LOG
                    + " and " + SESSION_LOG + " in it.";
        }
    }

    /** One check, never longer than what is left of the deadline, so the whole wait stays bounded. */
    private CommandResult probe(String probe, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        Duration budget = left.compareTo(MAX_PROBE) > 0 ? MAX_PROBE : left.compareTo(Duration.ofMillis(200)) < 0
                ? Duration.ofMillis(200) : left;
        try {
            return processes.run(probe, cwd, null, budget);
        } catch (CommandTimeoutException slow) {
            return new CommandResult(124, "", "probe timed out");
        }
    }
}
