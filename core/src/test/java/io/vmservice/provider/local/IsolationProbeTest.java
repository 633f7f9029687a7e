package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probes run from inside one sandbox against another: its files, its processes, its display, its
 * live stream and its session bus. Each attacker runs twice, once sharing the host's network (internet
 * on) and once in its own network namespace (internet off); the victim has internet on, the most
 * exposed case. Every probe is first shown to work against the attacker's own resources, so a
 * refusal means isolation, not a broken probe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationProbeTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final String SECRET = "victim-secret-" + System.nanoTime();
    private static final String PROBE = "/tmp/probe.py";

    private LocalProvider provider;
    private LocalSandbox victim;
    private LocalSandbox online;
    private LocalSandbox offline;
    private StreamInfo victimStream;
    private String victimBus;

    @BeforeAll
    void boot() throws IOException {
        provider = LocalProvider.create();
        victim = create("probe-victim", true);
        online = create("probe-online", true);
        offline = create("probe-offline", false);
        victim.writeFile("/home/user/secret.txt", SECRET.getBytes());
        victim.writeFile("/tmp/secret.txt", SECRET.getBytes());
        victimStream = victim.startStream(StreamConfig.builder().requireAuth(true).build());
        CommandResult bus = victim.run("dbus-daemon --session --fork --print-address=1 </dev/null >/tmp/bus.address 2>&1",
                PROBE_TIMEOUT);
        assertThat(bus.exitCode()).as("the victim's session bus starts").isZero();
        victimBus = new String(victim.readFile("/tmp/bus.address")).trim();
        byte[] probe;
        try (InputStream in = IsolationProbeTest.class.getResourceAsStream("probe.py")) {
            probe = in.readAllBytes();
        }
        for (LocalSandbox attacker : List.of(online, offline, victim)) {
            attacker.writeFile(PROBE, probe);
        }
    }

    @AfterAll
    void destroy() {
        provider.close();
    }

    private LocalSandbox create(String id, boolean internet) {
        SandboxConfig config = SandboxConfig.builder().template("minimal").allowInternetAccess(internet).build();
        return ((TrackedSandbox) provider.create(id, config)).local();
    }

    Stream<String> attackers() {
        return Stream.of("online", "offline");
    }

    private LocalSandbox attacker(String name) {
        return name.equals("online") ? online : offline;
    }

    @ParameterizedTest(name = "attacker {0}")
    @MethodSource("attackers")
    void cannotReadTheVictimsHomeOrTmpThroughHostPaths(String name) {
        LocalSandbox attacker = attacker(name);
        List<String> paths = List.of(
                victim.directory().resolve("home/secret.txt").toString(),
                victim.directory().resolve("tmp/secret.txt").toString(),
                provider.baseDir().resolve(victim.name()).resolve("home/secret.txt").toString());
        for (String path : paths) {
            assertRefused(attacker, "cat " + path);
        }
        CommandResult listing = attacker.run("ls -la " + provider.baseDir() + " 2>&1; ls -la /tmp /home 2>&1",
                PROBE_TIMEOUT);
        assertThat(listing.stdout()).as("what the attacker sees of the base directory, /tmp and /home")
                .doesNotContain(victim.name());
        // Every writable or temporary place of the host, where another path to the victim's files could hide.
        CommandResult search = attacker.run("grep -rls --no-messages " + SECRET
                + " /tmp /home /root /run /var/tmp /dev/shm /mnt /media /srv " + provider.baseDir().getParent(),
                Duration.ofSeconds(60));
        assertThat(search.stdout()).as("files anywhere in the attacker's view holding the victim's secret").isEmpty();
    }

    @ParameterizedTest(name = "attacker {0}")
    @MethodSource("attackers")
    void cannotSeeSignalOrTraceTheVictimsProcesses(String name) {
        LocalSandbox attacker = attacker(name);
        List<Long> pids = victim.processes();
        assertThat(pids).as("the victim's processes").hasSizeGreaterThanOrEqualTo(3);
        CommandResult ps = attacker.run("ps -eo pid,args", PROBE_TIMEOUT);
        assertThat(ps.stdout()).as("the attacker's process list").contains("Xvfb :" + attacker.display())
                .doesNotContain("Xvfb :" + victim.display()).doesNotContain("dbus-daemon");
        for (long pid : pids) {
            assertRefused(attacker, "cat /proc/" + pid + "/root/home/user/secret.txt");
            assertRefused(attacker, "cat /proc/" + pid + "/environ");
            assertRefused(attacker, "kill -0 " + pid);
            assertRefused(attacker, "timeout 5 strace -p " + pid + " -e trace=none");
        }
        assertThat(pids).as("the victim's processes after the probes").allMatch(pid -> ProcessHandle.of(pid).isPresent());
    }

    @ParameterizedTest(name = "attacker {0}")
    @MethodSource("attackers")
    void cannotReachTheVictimsDisplay(String name) {
        LocalSandbox attacker = attacker(name);
        String ownSocket = "/tmp/.X11-unix/X" + attacker.display();
        assertGotThrough(attacker, "python3 " + PROBE + " unix " + ownSocket);

        int display = victim.display();
        assertRefused(attacker, "DISPLAY=:" + display + " xdpyinfo");
        assertRefused(attacker, "DISPLAY=127.0.0.1:" + display + " xdpyinfo");
        assertRefused(attacker, "python3 " + PROBE + " unix /tmp/.X11-unix/X" + display);
        assertRefused(attacker, "python3 " + PROBE + " abstract /tmp/.X11-unix/X" + display);
        assertRefused(attacker, "python3 " + PROBE + " tcp " + (6000 + display));
    }

    @ParameterizedTest(name = "attacker {0}")
    @MethodSource("attackers")
    void cannotReachTheVictimsSessionBus(String name) {
        assertThat(victimBus).as("the victim's bus address").startsWith("unix:");
        assertGotThrough(victim, "DBUS_SESSION_BUS_ADDRESS='" + victimBus + "' dbus-send --session --print-reply"
                + " --dest=org.freedesktop.DBus / org.freedesktop.DBus.ListNames");
        LocalSandbox attacker = attacker(name);
        assertRefused(attacker, "DBUS_SESSION_BUS_ADDRESS='" + victimBus + "' dbus-send --session --print-reply"
                + " --dest=org.freedesktop.DBus / org.freedesktop.DBus.ListNames");
        String socket = victimBus.replaceAll("^unix:(abstract|path)=([^,]*).*$", "$1 $2");
        String kind = socket.startsWith("abstract") ? "abstract" : "unix";
        assertRefused(attacker, "python3 " + PROBE + " " + kind + " " + socket.substring(socket.indexOf(' ') + 1));
    }

    @ParameterizedTest(name = "attacker {0}")
    @MethodSource("attackers")
    void cannotReachTheVictimsVncSocketAndItsStreamWantsThePassword(String name) {
        LocalSandbox attacker = attacker(name);
        assertRefused(attacker, "python3 " + PROBE + " unix /tmp/.vmservice-vnc.sock");
        int port = URI.create(victimStream.url()).getPort();
        // Sharing the host's network, the attacker reaches the bridge on 127.0.0.1; it must not get past
        // the VNC password. In its own network namespace it must not reach the port at all.
        assertRefused(attacker, "python3 " + PROBE + " vnc " + port);
        if (name.equals("offline")) {
            assertRefused(attacker, "python3 " + PROBE + " tcp " + port);
        }
        // The bridge also serves noVNC's files, as the victim's host user: no path may climb out of them.
        String climb = "/..".repeat(12) + victim.directory().resolve("home/secret.txt");
        assertRefused(attacker, "curl -sf --path-as-is http://127.0.0.1:" + port + climb);
        assertRefused(attacker, "curl -sf http://127.0.0.1:" + port + "/" + climb.replace("/", "%2F"));
    }

    @Test
    void withoutInternetTheHostIsUnreachableAtEveryAddress() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            nic.getInterfaceAddresses().stream().map(a -> a.getAddress())
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                    .forEach(a -> addresses.add(a.getHostAddress()));
        }
        assumeTrue(!addresses.isEmpty(), "the host has no address besides loopback");
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("0.0.0.0"))) {
            for (String address : addresses) {
                String connect = "timeout 3 bash -c 'echo > /dev/tcp/" + address + "/" + server.getLocalPort() + "'";
                assertGotThrough(online, connect);
                assertRefused(offline, connect);
            }
        }
    }

    @Test
    void anotherHostUserCannotReadTheVictimsFilesOrReachItsSocketsByHostPath() throws Exception {
        assumeTrue(SandboxUser.isRoot(), "needs root to act as another host user");
        Path probe = victim.directory().resolve("tmp/probe.py");
        for (String command : List.of(
                "cat " + victim.directory().resolve("home/secret.txt"),
                "cat " + victim.directory().resolve("tmp/secret.txt"),
                "ls " + victim.directory().resolve("home"),
                "/usr/bin/python3 " + probe + " unix " + victim.directory().resolve("tmp/.vmservice-vnc.sock"),
                "/usr/bin/python3 " + probe + " unix " + victim.directory().resolve("tmp/.X11-unix/X" + victim.display()))) {
            Process p = new ProcessBuilder("setpriv", "--reuid", "12345", "--regid", "12345", "--clear-groups",
                    "/bin/sh", "-c", command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as("exit code of `%s` as host uid 12345 (output: %s)", command, output.trim()).isNotZero();
            assertThat(output).doesNotContain(SECRET);
        }
    }

    @Test
    void theVncProbeGetsThroughAStreamOpenedWithoutAuthentication() {
        StreamInfo stream = online.startStream(StreamConfig.builder().requireAuth(false).build());
        try {
            assertGotThrough(victim, "python3 " + PROBE + " vnc " + URI.create(stream.url()).getPort());
        } finally {
            online.stopStream();
        }
    }

    private static void assertRefused(LocalSandbox attacker, String probe) {
        CommandResult r = attacker.run(probe, PROBE_TIMEOUT);
        System.out.printf("probe `%s` refused: %s %s%n", probe, r.stdout().trim(), r.stderr().trim());
        assertThat(r.exitCode()).as("exit code of `%s` in %s (stdout: %s, stderr: %s)", probe, attacker.id(),
                r.stdout().trim(), r.stderr().trim()).isNotZero();
        assertThat(r.stdout()).as("output of `%s`", probe).doesNotContain(SECRET);
    }

    private static void assertGotThrough(LocalSandbox sandbox, String probe) {
        CommandResult r = sandbox.run(probe, PROBE_TIMEOUT);
        assertThat(r.exitCode()).as("exit code of control probe `%s` in %s (stdout: %s, stderr: %s)", probe,
                sandbox.id(), r.stdout().trim(), r.stderr().trim()).isZero();
    }
}
