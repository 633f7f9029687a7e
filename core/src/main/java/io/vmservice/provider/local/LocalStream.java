package io.vmservice.provider.local;

import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.internal.Poll;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A live view of a local sandbox in the browser: x11vnc inside the sandbox serves its display on
 * a socket file in the sandbox's /tmp, and websockify on the host bridges that socket to noVNC on
 * 127.0.0.1. The socket file works whether or not the sandbox has its own network namespace.
 */
final class LocalStream {

    private static final String SOCKET = "/tmp/.vmservice-vnc.sock";
    private static final String PASSWORD_FILE = "/tmp/.vmservice-vnc.pass";
    static final String NOVNC_WEB = "/usr/share/novnc";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final BackgroundProcess vnc;
    private final Process bridge;
    private final StreamInfo info;

    private LocalStream(BackgroundProcess vnc, Process bridge, StreamInfo info) {
        this.vnc = vnc;
        this.bridge = bridge;
        this.info = info;
    }

    static LocalStream start(LocalSandbox sandbox, SandboxLayout layout, SandboxUser user, int display, StreamConfig config) {
        SystemBinaries.require(java.util.Map.of("x11vnc", "x11vnc", "websockify", "websockify"));
        if (!Files.isRegularFile(Path.of(NOVNC_WEB, "vnc.html"))) {
            throw new ProviderUnavailableException("noVNC is not installed; install it with: "
                    + SystemBinaries.installLine(List.of("novnc")) + LocalDoctor.HINT);
        }
        String authKey = config.requireAuth() ? newKey() : null;
        Path hostSocket = layout.tmp().resolve(SOCKET.substring("/tmp/".length()));
        List<String> vncArgv = new ArrayList<>(List.of("x11vnc", "-display", ":" + display, "-forever", "-shared",
                // No TCP listener at all, IPv4 or IPv6: only the socket file.
                "-quiet", "-unixsock", SOCKET, "-rfbport", "0", "-rfbportv6", "-1", "-no6", "-wait", Integer.toString(Math.max(1, 1000 / config.frameRate()))));
        if (authKey != null) {
            // The password travels in a file the sandbox's user owns, never on a command line;
            // "rm:" makes x11vnc delete it once read.
            sandbox.writeFile(PASSWORD_FILE, (authKey + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            vncArgv.addAll(List.of("-passwdfile", "rm:" + PASSWORD_FILE));
        } else {
            vncArgv.add("-nopw");
        }
        if (config.windowId() != null) {
            vncArgv.addAll(List.of("-id", config.windowId()));
        }
        BackgroundProcess vnc = sandbox.startBackground(new DesktopCommand(vncArgv));
        Process bridge = null;
        try {
            awaitStarted("x11vnc's socket", vnc::isAlive, () -> Files.exists(hostSocket));
            int port = freePort();
            List<String> bridgeArgv = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL"));
            bridgeArgv.addAll(user.hostPrefix().isEmpty() ? List.of() : user.hostPrefix().subList(1, user.hostPrefix().size()));
            bridgeArgv.addAll(List.of("--", "websockify", "--web", NOVNC_WEB));
            if (authKey == null) {
                bridgeArgv.addAll(List.of("--unix-target", hostSocket.toString()));
            } else {
                // VNC's password check reads only 8 characters: the bridge itself lets through
                // only a connection that names the whole key, before VNC asks for it.
                bridgeArgv.addAll(List.of("--token-plugin", "TokenFile", "--token-source",
                        tokenFile(layout, user, authKey, hostSocket).toString()));
            }
            bridgeArgv.add("127.0.0.1:" + port);
            ProcessBuilder builder = new ProcessBuilder(bridgeArgv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("websockify.log").toFile()));
            Process started = Spawner.start(builder);
            bridge = started;
            awaitStarted("noVNC on 127.0.0.1:" + port, started::isAlive, () -> accepts(port));
            String url = "http://127.0.0.1:" + port + "/vnc.html?autoconnect=true&resize=scale"
                    + qualityParameters(config.quality())
                    + (authKey == null ? "" : "&path=websockify%3Ftoken%3D" + authKey + "&password=" + authKey);
            return new LocalStream(vnc, bridge, new StreamInfo(url, authKey));
        } catch (RuntimeException e) {
            vnc.kill();
            if (bridge != null) {
                ProcessRunner.killTree(bridge.toHandle());
            }
            throw e;
        }
    }

    /** Waits until a helper of the stream is ready; fails at once when the helper exits first. */
    private static void awaitStarted(String what, BooleanSupplier running, BooleanSupplier ready) {
        boolean came = Poll.await(what, START_TIMEOUT, Duration.ofMillis(50)).untilTrue(() -> {
            if (!running.getAsBoolean()) {
                throw new ProviderUnavailableException("the stream's helper exited before " + what + " was ready"
                        + "; see the sandbox's logs");
            }
            return ready.getAsBoolean();
        });
        if (!came) {
            throw new ProviderUnavailableException(what + " was not ready within " + START_TIMEOUT.toSeconds()
                    + " s; see the sandbox's logs");
        }
    }

    StreamInfo info() {
        return info;
    }

    boolean isAlive() {
        return vnc.isAlive() && bridge.isAlive();
    }

    void stop() {
        ProcessRunner.killTree(bridge.toHandle());
        vnc.kill();
    }

    /** noVNC asks the server for JPEG quality and compression levels from its URL. */
    private static String qualityParameters(StreamConfig.Quality quality) {
        return switch (quality) {
            case LOW -> "&quality=2&compression=9";
            case MEDIUM -> "&quality=6&compression=2";
            case HIGH -> "&quality=9&compression=0";
        };
    }

    /**
     * The key's one target, in a file beside the sandbox's directories: readable by the bridge,
     * which runs as the sandbox's host user, and out of the sandbox's sight.
     */
    private static Path tokenFile(SandboxLayout layout, SandboxUser user, String key, Path hostSocket) {
        Path file = layout.root().resolve("stream-token");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + ": unix_socket:" + hostSocket + "\n");
            user.own(file);
        } catch (IOException e) {
            throw new ProviderUnavailableException("cannot write the stream's key for its bridge: " + e.getMessage(), e);
        }
        return file;
    }

    private static String newKey() {
        StringBuilder key = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ProviderUnavailableException("no free port on 127.0.0.1 for the stream: " + e.getMessage(), e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
