package io.vmservice.provider.e2b;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.SandboxProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.settings.VmServiceSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop sandboxes on E2B's cloud, over OkHttp. Each sandbox is created from an E2B template
 * ({@code desktop} by default) through the control plane; its desktop is then started through
 * envd exactly as E2B's desktop SDK starts it, and driven with the same xdotool lines as the
 * local provider. Sandboxes carry their caller's id (and user id, when given) as E2B metadata.
 *
 * <pre>{@code
 * try (E2bProvider e2b = E2bProvider.builder().settings(E2bSettings.fromEnvironment()).build();
 *      VmServiceClient client = VmServiceClient.builder().provider(e2b).build()) {
 *     SandboxInfo info = client.createSandbox("login-test", SandboxConfig.defaults());
 * }
 * }</pre>
 */
public final class E2bProvider implements SandboxProvider {

    /** Metadata keys every sandbox of this SDK carries on E2B. */
    public static final String SANDBOX_ID_KEY = "vmservice.sandboxId";
    public static final String USER_ID_KEY = "vmservice.userId";

    public static final Duration DEFAULT_BOOT_TIMEOUT = VmServiceSettings.BOOT_TIMEOUT.defaultValue();
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(50);
    public static final String DEFAULT_NOVNC_DIRECTORY = "/opt/noVNC";

    private static final Logger LOG = LoggerFactory.getLogger(E2bProvider.class);
    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final E2bSettings settings;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final RedactingLogInterceptor log;
    private final RetryInterceptor envdRetries;
    private final ControlPlaneClient controlPlane;
    private final HttpUrl envdUrl;
    private final Duration bootTimeout;
    private final Duration keepaliveInterval;
    private final String noVncDirectory;
    private final Map<String, String> metadata;
    private final Map<String, E2bSandbox> sandboxes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private E2bProvider(Builder b, E2bSettings settings) {
        this.settings = settings;
        this.ownsHttp = b.okHttpClient == null;
        OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
        // One pool and dispatcher for the control plane and every envd; credentials differ per client.
        // Only RetryInterceptor sends a request again, and only a safe one.
        this.http = base.newBuilder()
                .retryOnConnectionFailure(false)
                .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        // Logged last, so each attempt is logged with its final (redacted) headers, failed connections too.
        this.log = new RedactingLogInterceptor(b.httpLogger);
        OkHttpClient api = http.newBuilder()
                .callTimeout(b.requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .addInterceptor(RetryInterceptor.controlPlane(b.retryPolicy))
                .addInterceptor(new ApiKeyInterceptor(settings.apiKey()))
                .addInterceptor(log)
                .build();
        this.controlPlane = new ControlPlaneClient(HttpUrl.get(settings.apiUrl()), api, settings.apiKey(), b.lostCreateSearch);
        this.envdRetries = RetryInterceptor.envd(b.retryPolicy);
        this.envdUrl = b.envdUrl == null ? null : HttpUrl.get(b.envdUrl);
        this.bootTimeout = b.bootTimeout;
        this.keepaliveInterval = b.keepaliveInterval;
        this.noVncDirectory = b.noVncDirectory;
        this.metadata = Map.copyOf(b.metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A provider configured from E2B's environment variables (see {@link E2bSettings}). */
    public static E2bProvider fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    /**
     * A provider configured from the given environment and properties: E2B's variables, plus the
     * property {@code vmservice.e2b.envdUrl} for one envd base URL with routing headers (E2B's
     * shared host, or a local server speaking E2B's protocol), and {@code vmservice.boot-timeout}.
     */
    public static E2bProvider fromEnvironment(Map<String, String> environment, java.util.Properties properties) {
        Builder builder = builder().settings(E2bSettings.fromEnvironment(environment, properties))
                .bootTimeout(VmServiceSettings.resolve(environment, properties, name -> Optional.empty())
                        .get(VmServiceSettings.BOOT_TIMEOUT));
        String envdUrl = properties.getProperty("vmservice.e2b.envdUrl");
        if (envdUrl != null && !envdUrl.isBlank()) {
            builder.envdUrl(envdUrl.trim());
        }
        return builder.build();
    }

    @Override
    public String name() {
        return "e2b";
    }

    public ControlPlaneClient controlPlane() {
        return controlPlane;
    }

    @Override
    public E2bSandbox create(String sandboxId, SandboxConfig config) {
        return create(sandboxId, null, config);
    }

    /**
     * Creates an E2B sandbox from {@code config.template()}, starts its desktop and returns it once
     * the desktop takes input. The E2B sandbox lives at most {@code config.timeout()}. CPU and memory
     * come from the E2B template, not from the config.
     *
     * @param userId recorded as metadata {@value #USER_ID_KEY} so listings can find a user's sandboxes; may be null
     */
    public E2bSandbox create(String sandboxId, String userId, SandboxConfig config) {
        checkOpen();
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw new InvalidInputException("sandbox id \"" + sandboxId + "\" must be 1-64 letters, digits, '_' or '-'");
        }
        Map<String, String> env = new LinkedHashMap<>(config.environment());
        E2bDesktop.environment().forEach(env::putIfAbsent);
        Map<String, String> labels = new LinkedHashMap<>(metadata);
        labels.put(SANDBOX_ID_KEY, sandboxId);
        if (userId != null) {
            labels.put(USER_ID_KEY, userId);
        }
        RunningSandbox remote = controlPlane.create(new NewSandbox(config.template(),
                ControlPlaneClient.seconds(config.timeout()), true, config.allowInternetAccess(), env, labels));
        E2bSandbox sandbox = attach(sandboxId, config, remote);
        try {
            new E2bDesktop(new EnvdProcesses(envd(remote)), config.workingDirectory()).start(config.resolution(), bootTimeout);
        } catch (RuntimeException e) {
            killQuietly(sandbox);
            if (e instanceof SandboxCreationException creation) {
                throw creation;
            }
            throw new SandboxCreationException("the desktop of E2B sandbox " + remote.sandboxId() + " did not start: "
                    + e.getMessage(), e);
        }
        if (closed) {
            killQuietly(sandbox);
            throw new ProviderUnavailableException("the E2B provider was closed while sandbox " + sandboxId + " started");
        }
        LOG.debug("created E2B sandbox {} for {}", remote.sandboxId(), sandboxId);
        return sandbox;
    }

    /**
     * Re-attaches to a running (or paused: it is resumed) E2B sandbox, e.g. one made by another
     * process; its desktop is started if it does not run. Closing the result kills the sandbox.
     */
    public E2bSandbox connect(String e2bSandboxId, SandboxConfig config) {
        checkOpen();
        RunningSandbox remote = controlPlane.connect(e2bSandboxId, config.timeout());
        E2bSandbox sandbox = attach(e2bSandboxId, config, remote);
        E2bDesktop desktop = new E2bDesktop(new EnvdProcesses(envd(remote)), config.workingDirectory());
        if (!desktop.isRunning()) {
            desktop.start(config.resolution(), bootTimeout);
        }
        return sandbox;
    }

    /** Sandboxes on E2B whose metadata has all the given pairs, e.g. {@code Map.of(USER_ID_KEY, "u1")}. */
    public List<SandboxDetail> list(Map<String, String> metadataFilter) {
        checkOpen();
        return controlPlane.listAll(SandboxQuery.withMetadata(metadataFilter));
    }

    /** Sandboxes created by this provider and not yet closed. */
    public int activeCount() {
        return sandboxes.size();
    }

    /** Kills every sandbox this provider created; the HTTP client's threads end too, if this provider made it. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(sandboxes.values()).forEach(E2bProvider::killQuietly);
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private E2bSandbox attach(String sandboxId, SandboxConfig config, RunningSandbox remote) {
        E2bSandbox[] holder = new E2bSandbox[1];
        E2bSandbox sandbox = new E2bSandbox(sandboxId, config, remote, controlPlane, envd(remote),
                EnvdAddress.portUrl(E2bStream.NOVNC_PORT, remote.sandboxId(), domain(remote), settings.debug()),
                noVncDirectory, () -> sandboxes.remove(sandboxId, holder[0]));
        holder[0] = sandbox;
        sandboxes.put(sandboxId, sandbox);
        return sandbox;
    }

    EnvdClient envd(RunningSandbox remote) {
        EnvdAddress address = envdUrl != null ? EnvdAddress.sharedHost(envdUrl, remote.sandboxId())
                : settings.debug() ? EnvdAddress.debug() : EnvdAddress.hostBased(remote.sandboxId(), domain(remote));
        // envd before 0.4.0 has no default user; E2B's SDK names "user" for it.
        String user = EnvdVersion.atLeast(remote.envdVersion(), 0, 4, 0) ? null : "user";
        OkHttpClient client = http.newBuilder()
                .addInterceptor(envdRetries)
                .addInterceptor(new EnvdHeadersInterceptor(remote.envdAccessToken(), address.routingHeaders(), user))
                .addInterceptor(log)
                .build();
        return new EnvdClient(remote.sandboxId(), address, client, keepaliveInterval);
    }

    private String domain(RunningSandbox remote) {
        return remote.domain() != null ? remote.domain() : settings.domain();
    }

    private static void killQuietly(E2bSandbox sandbox) {
        try {
            sandbox.close();
        } catch (VmServiceException e) {
            LOG.warn("could not kill E2B sandbox {}: {}", sandbox.e2bSandboxId(), e.getMessage());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ProviderUnavailableException("the E2B provider is closed");
        }
    }

    @Override
    public String toString() {
        return "E2bProvider[" + settings + ", " + sandboxes.size() + " sandboxes]";
    }

    /** Options of the E2B provider; {@link #build()} checks them. */
    public static final class Builder {
        private E2bSettings settings;
        private String apiKey;
        private String domain;
        private String apiUrl;
        private boolean debug;
        private String envdUrl;
        private OkHttpClient okHttpClient;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration lostCreateSearch = ControlPlaneClient.DEFAULT_LOST_CREATE_SEARCH;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE;
        private Duration bootTimeout = DEFAULT_BOOT_TIMEOUT;
        private String noVncDirectory = DEFAULT_NOVNC_DIRECTORY;
        private HttpLogger httpLogger = HttpLogger.SLF4J;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** Key, domain, API URL and debug flag at once, e.g. {@link E2bSettings#fromEnvironment()}. */
        public Builder settings(E2bSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** E2B's domain; {@code e2b.app} when not set. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** The control plane's URL; {@code https://api.<domain>} when not set. */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /** envd at {@code http://localhost:49983} in plain HTTP, as E2B's SDKs do for a local envd. */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Reaches every sandbox's envd at this one base URL with E2B's routing headers
         * ({@code E2b-Sandbox-Id}, {@code E2b-Sandbox-Port}) instead of {@code https://49983-<id>.<domain>}:
         * for E2B's shared host {@code https://sandbox.<domain>}, or a local server speaking the protocol.
         */
        public Builder envdUrl(String envdUrl) {
            this.envdUrl = envdUrl;
            return this;
        }

        /**
         * The HTTP client to derive from (proxy, TLS, interceptors); its pool and threads are
         * shared, not closed. Its {@code retryOnConnectionFailure} is turned off: what is sent
         * again is decided by the provider alone ({@link #retryPolicy}), which never repeats a create.
         */
        public Builder okHttpClient(OkHttpClient okHttpClient) {
            this.okHttpClient = okHttpClient;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The longest silence on a connection; must exceed the keepalive interval. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** The longest a control-plane request may take, retries included. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * How long a create whose answer was lost (connection dropped or timed out after the
         * request went out) looks for the sandbox E2B may have made, before it reports that none
         * was made; 10 s by default.
         */
        public Builder lostCreateSearch(Duration lostCreateSearch) {
            this.lostCreateSearch = lostCreateSearch;
            return this;
        }

        /** How often envd sends a keepalive on a quiet stream ({@code Keepalive-Ping-Interval}); whole seconds. */
        public Builder keepaliveInterval(Duration keepaliveInterval) {
            this.keepaliveInterval = keepaliveInterval;
            return this;
        }

        /** How long a sandbox's desktop may take to come up before creation fails. */
        public Builder bootTimeout(Duration bootTimeout) {
            this.bootTimeout = bootTimeout;
            return this;
        }

        /** Where noVNC lives in the template; {@code /opt/noVNC} in E2B's desktop template. */
        public Builder noVncDirectory(String noVncDirectory) {
            this.noVncDirectory = noVncDirectory;
            return this;
        }

        /** Where HTTP exchanges are logged (redacted); SLF4J at DEBUG by default. */
        public Builder httpLogger(HttpLogger httpLogger) {
            this.httpLogger = httpLogger;
            return this;
        }

        /** A metadata pair every sandbox gets, e.g. the suite or CI job, to find them in E2B's dashboard. */
        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public E2bProvider build() {
            E2bSettings resolved = settings != null ? settings : E2bSettings.of(apiKey, domain, apiUrl, debug);
            positive("connectTimeout", connectTimeout);
            positive("readTimeout", readTimeout);
            positive("requestTimeout", requestTimeout);
            positive("lostCreateSearch", lostCreateSearch);
            positive("bootTimeout", bootTimeout);
            positive("keepaliveInterval", keepaliveInterval);
            if (keepaliveInterval.toSeconds() < 1) {
                throw new InvalidInputException("keepaliveInterval must be at least 1 second, got " + keepaliveInterval);
            }
            if (readTimeout.compareTo(keepaliveInterval) <= 0) {
                throw new InvalidInputException("readTimeout (" + readTimeout + ") must be longer than keepaliveInterval ("
                        + keepaliveInterval + "), or quiet commands would time out between keepalives");
            }
            if (retryPolicy == null) {
                throw new InvalidInputException("retryPolicy must not be null; use RetryPolicy.NONE to never retry");
            }
            if (httpLogger == null) {
                throw new InvalidInputException("httpLogger must not be null");
            }
            if (envdUrl != null && HttpUrl.parse(envdUrl) == null) {
                throw new InvalidInputException("envdUrl \"" + envdUrl + "\" is not an http or https URL");
            }
            if (noVncDirectory == null || !noVncDirectory.startsWith("/")) {
                throw new InvalidInputException("noVncDirectory must be an absolute path, got " + noVncDirectory);
            }
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!METADATA_KEY.matcher(e.getKey()).matches() || e.getValue() == null) {
                    throw new InvalidInputException("metadata key \"" + e.getKey() + "\" must be 1-64 letters, digits,"
                            + " '.', '_' or '-' with a value");
                }
            }
            return new E2bProvider(this, resolved);
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidInputException(name + " must be positive, got " + value);
            }
        }
    }
}
