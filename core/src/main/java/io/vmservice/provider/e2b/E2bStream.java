package io.vmservice.provider.e2b;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.Poll;
import io.vmservice.internal.ShellQuote;
import io.vmservice.sandbox.CommandResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A live view of a sandbox's screen, as E2B's desktop SDK starts it: x11vnc on port 5900 and
 * noVNC's proxy on 6080, reached at {@code https://6080-<id>.<domain>/vnc.html}. With auth the
 * password is 16 random letters and digits; unlike E2B's SDK it reaches x11vnc through a file
 * that x11vnc deletes once read, never on a command line.
 */
final class E2bStream {

    static final int VNC_PORT = 5900;
    static final int NOVNC_PORT = 6080;
    static final String PASSWORD_FILE = "/tmp/.vmservice-vnc.pass";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final EnvdProcesses processes;
    private final long proxyPid;
    private final String url;
    private final String authKey;

    private E2bStream(EnvdProcesses processes, long proxyPid, String url, String authKey) {
        this.processes = processes;
        this.proxyPid = proxyPid;
        this.url = url;
        this.authKey = authKey;
    }

    /**
     * @param windowId an X window to show alone, or null for the whole screen
     * @param frameRate screen polls per second (x11vnc's {@code -wait})
     * @param noVncDirectory where noVNC lives in the template ({@code /opt/noVNC} in E2B's)
     * @param baseUrl {@code https://6080-<id>.<domain>}
     */
    static E2bStream start(EnvdProcesses processes, EnvdFilesystem files, boolean requireAuth, String windowId,
                           int frameRate, String noVncDirectory, String baseUrl) {
        if (processes.run("pgrep -x x11vnc", null, null, COMMAND_TIMEOUT).exitCode() == 0) {
            throw new VmServiceException(ErrorCodes.STREAM_ALREADY_RUNNING, "a stream is already running in this sandbox; stop it first");
        }
        String authKey = requireAuth ? newKey() : null;
        String auth = "-nopw";
        if (authKey != null) {
            files.write(PASSWORD_FILE, (authKey + "\n").getBytes(StandardCharsets.US_ASCII));
            auth = "-passwdfile rm:" + PASSWORD_FILE;
        }
        String vnc = "x11vnc -bg -display " + E2bDesktop.DISPLAY + " -forever -wait " + Math.max(1, 1000 / frameRate)
                + " -shared -rfbport " + VNC_PORT + " " + auth + (windowId == null ? "" : " -id " + ShellQuote.quote(windowId))
                + " 2>/tmp/x11vnc_stderr.log";
        CommandResult started = processes.run(vnc, null, null, COMMAND_TIMEOUT);
        if (started.exitCode() != 0) {
            throw new ProviderUnavailableException("x11vnc did not start (exit " + started.exitCode()
                    + "); see /tmp/x11vnc_stderr.log in the sandbox");
        }
        String dir = ShellQuote.quote(noVncDirectory);
        long proxy = processes.start("cd " + dir + "/utils && ./novnc_proxy --vnc localhost:" + VNC_PORT + " --listen "
                + NOVNC_PORT + " --web " + dir + " > /tmp/novnc.log 2>&1", null, null);
        boolean listening = Poll.await("noVNC to listen on port " + NOVNC_PORT, START_TIMEOUT, Duration.ofMillis(250))
                .untilTrue(() -> processes.run("netstat -tuln | grep -q ':" + NOVNC_PORT + " '", null, null,
                        COMMAND_TIMEOUT).exitCode() == 0);
        if (!listening) {
            new E2bBackgroundProcess(processes, proxy).kill();
            processes.run("pkill x11vnc", null, null, COMMAND_TIMEOUT);
            throw new ProviderUnavailableException("noVNC did not listen on port " + NOVNC_PORT + " within "
                    + START_TIMEOUT.toSeconds() + " s; see /tmp/novnc.log in the sandbox");
        }
        return new E2bStream(processes, proxy, url(baseUrl, authKey), authKey);
    }

    /** E2B's stream URL: autoconnect, scaled, with the password when there is one. */
    static String url(String baseUrl, String authKey) {
        return baseUrl + "/vnc.html?autoconnect=true&resize=scale" + (authKey == null ? "" : "&password=" + authKey);
    }

    String url() {
        return url;
    }

    /** The VNC password, or null when the stream is open. */
    String authKey() {
        return authKey;
    }

    void stop() {
        if (processes.run("pgrep -x x11vnc", null, null, COMMAND_TIMEOUT).exitCode() == 0) {
            processes.run("pkill x11vnc", null, null, COMMAND_TIMEOUT);
        }
        // novnc_proxy runs websockify as its child: end the whole tree, not only the shell.
        new E2bBackgroundProcess(processes, proxyPid).kill();
    }

    private static String newKey() {
        StringBuilder key = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return "E2bStream[" + (authKey == null ? url : url.replace(authKey, "***")) + "]";
    }
}
