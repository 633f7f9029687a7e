package io.vmservice.provider.e2b;

import com.sun.net.httpserver.HttpServer;
import io.vmservice.provider.e2b.ServerTemplate.Session;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for E2B, for tests: E2B's control plane and envd over real HTTP on two loopback
 * ports, following E2B's wire protocol and its OpenAPI spec. No E2B account or
 * internet exists here, so this is the only E2B the tests can reach. Behind each E2B sandbox is a
 * real local sandbox from {@link LocalProvider} in which envd's processes and files really run.
 *
 * <p>Templates: {@code desktop} (what the provider uses); {@code base}, which, like E2B's base
 * template, has no X programs (they answer "command not found"); and
 * {@code desktop-without-window-manager} and {@code desktop-whose-first-session-fails}, whose xfce4
 * session starts its panel and desktop but never its window manager, or cannot open the display
 * the first time, as sessions on a crowded host now and then do.
 */
public final class E2bProtocolServer implements AutoCloseable {

    static final String ENVD_VERSION = "0.6.13";
    static final Map<String, ServerTemplate> TEMPLATES = Map.of(
            "desktop", new ServerTemplate(Set.of(), Session.XFCE),
            "base", new ServerTemplate(Set.of("Xvfb", "xdpyinfo", "startxfce4", "xprop", "xset", "scrot", "x11vnc"),
                    Session.XFCE),
            "desktop-without-window-manager", new ServerTemplate(Set.of(), Session.WITHOUT_WINDOW_MANAGER),
            "desktop-whose-first-session-fails", new ServerTemplate(Set.of(), Session.FAILS_FIRST_TIME));

    static {
        // Each flush of a streamed response goes out at once, so chunk boundaries are the tests' own.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String apiKey;
    private final LocalProvider local;
    private final ControlPlaneHandler controlPlaneHandler;
    private volatile HttpServer controlPlane;
    private final HttpServer envd;
    private final ExecutorService executor;
    private final ScheduledExecutorService reaper;
    private final Faults faults = new Faults();
    private final Map<String, ServerSandbox> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final List<String> controlPlaneLog = new CopyOnWriteArrayList<>();
    private volatile int teamConcurrencyLimit = Integer.MAX_VALUE;
    private final AtomicInteger createdCount = new AtomicInteger();

    public E2bProtocolServer(String apiKey) {
        this.apiKey = apiKey;
        this.local = LocalProvider.create();
        this.executor = Executors.newCachedThreadPool(named("e2b-server"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(named("e2b-server-ttl"));
        this.controlPlaneHandler = new ControlPlaneHandler(this, faults);
        this.controlPlane = startControlPlane(0);
        try {
            envd = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        envd.createContext("/", new EnvdHandler(sandboxes::get, faults));
        envd.setExecutor(executor);
        envd.start();
    }

    private HttpServer startControlPlane(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", controlPlaneHandler);
            server.setExecutor(executor);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes every connection to the control plane, idle ones too, and listens again on the same
     * port, as an edge does that drops idle connections: a client's pooled connections go stale.
     */
    void dropControlPlaneConnections() {
        int port = controlPlanePort();
        controlPlane.stop(0);
        controlPlane = startControlPlane(port);
    }

    public static String newApiKey() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return "e2b_" + HexFormat.of().formatHex(bytes);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + controlPlane.getAddress().getPort();
    }

    /** The shared envd host: the provider adds E2B's routing headers, as on {@code sandbox.<domain>}. */
    public String envdUrl() {
        return "http://127.0.0.1:" + envd.getAddress().getPort();
    }

    int controlPlanePort() {
        return controlPlane.getAddress().getPort();
    }

    public String apiKey() {
        return apiKey;
    }

    /**
     * The team's concurrency limit, as E2B's plans have (Hobby 20, Pro 100): a create beyond this
     * many running sandboxes is answered 429 with E2B's message; none by default.
     */
    public E2bProtocolServer teamConcurrencyLimit(int limit) {
        this.teamConcurrencyLimit = limit;
        return this;
    }

    /** Sandboxes running now, as E2B counts them against the team's limit. */
    public int runningSandboxes() {
        return sandboxes.size();
    }

    Faults faults() {
        return faults;
    }

    /** Every control-plane request as "METHOD /path", oldest first. */
    public List<String> controlPlaneLog() {
        return List.copyOf(controlPlaneLog);
    }

    void recordControlPlaneRequest(String line) {
        controlPlaneLog.add(line);
    }

    /** How many sandboxes the control plane has made, killed or not. */
    int createdCount() {
        return createdCount.get();
    }

    ServerSandbox sandbox(String id) {
        return sandboxes.get(id);
    }

    Collection<ServerSandbox> sandboxes() {
        return sandboxes.values();
    }

    /**
     * Registers a new sandbox, or refuses it when the team is at its limit; the count and the new
     * sandbox under one lock, as E2B reserves a team's slot before it starts a sandbox.
     */
    synchronized ServerSandbox create(String template, Duration timeout, Map<String, String> metadata,
                                      Map<String, String> envVars, boolean secure) {
        if (sandboxes.size() >= teamConcurrencyLimit) {
            throw new TeamLimitReached(teamConcurrencyLimit);
        }
        String id = randomId(20);
        // Its own network namespace gives the sandbox its own abstract X socket for display :0.
        SandboxConfig config = SandboxConfig.builder().template("minimal").allowInternetAccess(false).build();
        ServerSandbox created = new ServerSandbox(id, template, metadata, envVars, secure ? randomId(32) : null, timeout,
                TEMPLATES.get(template), () -> local.create(id, config), executor);
        sandboxes.put(id, created);
        createdCount.incrementAndGet();
        setEnd(created, created.endAt);
        return created;
    }

    /** E2B's TTL: at {@code end} the sandbox is killed. */
    void setEnd(ServerSandbox sandbox, Instant end) {
        sandbox.endAt = end;
        long delay = Math.max(0, Duration.between(Instant.now(), end).toMillis());
        ScheduledFuture<?> previous = expiries.put(sandbox.id, reaper.schedule(() -> kill(sandbox.id), delay, TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Replaces a sandbox's envd access token, so the client's becomes wrong. */
    void rotateAccessToken(String sandboxId) {
        sandboxes.get(sandboxId).accessToken = randomId(32);
    }

    void kill(String sandboxId) {
        ServerSandbox sandbox = sandboxes.remove(sandboxId);
        ScheduledFuture<?> expiry = expiries.remove(sandboxId);
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    public void close() {
        controlPlane.stop(0);
        envd.stop(0);
        List.copyOf(sandboxes.keySet()).forEach(this::kill);
        local.close();
        reaper.shutdownNow();
        executor.shutdownNow();
    }

    /** E2B's answer to a create beyond the team's concurrency limit. */
    static final class TeamLimitReached extends RuntimeException {
        TeamLimitReached(int limit) {
            super("you have reached the maximum number of concurrent E2B sandboxes (" + limit + "). If you need more,"
                    + " please visit 'https://e2b.dev/docs/billing'");
        }
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
