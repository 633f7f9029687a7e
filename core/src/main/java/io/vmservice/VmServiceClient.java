package io.vmservice;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.LoggingBinding;
import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.SandboxProvider;
import io.vmservice.provider.e2b.E2bProvider;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.sandbox.SandboxStatus;
import io.vmservice.settings.VmServiceSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-tenant service client: creates sandboxes for users within quotas, drives them, and
 * destroys them when asked, when they time out, or when the client closes.
 *
 * <pre>{@code
 * try (VmServiceClient client = VmServiceClient.builder().maxConcurrentSandboxes(10).build()) {
 *     SandboxInfo info = client.createSandbox("user123", SandboxConfig.builder().template("desktop").build());
 *     client.launchApplication(info.sandboxId(), "mousepad");
 *     byte[] png = client.screenshot(info.sandboxId());
 * }
 * }</pre>
 */
public final class VmServiceClient extends SandboxOperations implements AutoCloseable {

    /** A wait for a slot longer than this is a hang, not a queue. */
    public static final Duration MAX_SLOT_TIMEOUT = VmServiceSettings.MAX_SLOT_TIMEOUT;

    private static final Logger LOG = LoggerFactory.getLogger(VmServiceClient.class);
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

    private final SandboxProvider provider;
    private final boolean ownsProvider;
    private final SandboxRegistry registry = new SandboxRegistry();
    private final SandboxSlots slots;
    private final Duration slotTimeout;
    private final String defaultTemplate;
    private final Duration defaultTimeout;
    private final Clock clock;
    private final ScheduledExecutorService reaper;
    private final AsyncTwins asyncTwins;
    private final AsyncVmServiceClient async;
    private volatile boolean closed;

    private VmServiceClient(Builder b) {
        this.provider = b.provider != null ? b.provider : b.newProvider();
        this.ownsProvider = b.provider == null;
        this.slots = new SandboxSlots(b.maxConcurrentSandboxes, b.maxSandboxesPerUser, b.steps);
        this.slotTimeout = b.slotTimeout;
        this.defaultTemplate = b.defaultTemplate;
        this.defaultTimeout = b.defaultTimeout;
        this.clock = b.clock;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vmservice-timeout-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(this::destroyExpired, 250, 250, TimeUnit.MILLISECONDS);
        this.asyncTwins = new AsyncTwins(b.asyncThreads);
        this.async = asyncTwins.twin(AsyncVmServiceClient.class, this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider's name: {@code local} or {@code e2b}. */
    public String providerName() {
        return provider.name();
    }

    /** Creates a sandbox with the client's default template and timeout. */
    public SandboxInfo createSandbox(String userId) {
        return createSandbox(userId, SandboxConfig.builder().template(defaultTemplate).timeout(defaultTimeout).build());
    }

    /**
     * Creates a sandbox for a user and returns once its desktop takes input. When a limit is
     * reached it waits for a slot as the builder's {@link Builder#slotTimeout} says: by default
     * not at all.
     *
     * @throws QuotaExceededException when a limit is reached (nothing is booted then)
     * @throws SandboxCreationException when the sandbox does not come up
     */
    public SandboxInfo createSandbox(String userId, SandboxConfig config) {
        return createSandbox(userId, config, slotTimeout);
    }

    /**
     * Creates a sandbox for a user, waiting up to {@code slotTimeout} for a free slot when a limit
     * is reached; creates that wait are served first come, first served. A provider that refuses
     * the sandbox for a concurrency limit of its own (E2B's team limit) made nothing: the create
     * waits again, in its place, until one of this client's sandboxes is gone, and the provider's
     * limit becomes this client's for the rest of its life.
     *
     * @param slotTimeout how long to wait for a slot; {@link Duration#ZERO} fails at once when none is free
     * @throws QuotaExceededException when no slot is free and {@code slotTimeout} is zero
     * @throws io.vmservice.exception.SlotTimeoutException when no slot came free within {@code slotTimeout}
     * @throws SandboxCreationException when the sandbox does not come up, or the waiting thread was interrupted
     */
    public SandboxInfo createSandbox(String userId, SandboxConfig config, Duration slotTimeout) {
        checkUser(userId);
        if (config == null) {
            throw new InvalidInputException("config must not be null; use SandboxConfig.defaults()");
        }
        checkSlotTimeout(slotTimeout);
        ensureOpen();
        SandboxSlots.Request slot = slots.take(userId, slotTimeout);
        String sandboxId = newSandboxId();
        ProviderSandbox sandbox = boot(slot, sandboxId, userId, config);
        Instant now = clock.instant();
        SandboxInfo info = new SandboxInfo(sandboxId, UUID.randomUUID().toString(), userId, config.template(),
                SandboxStatus.RUNNING, now, now.plus(config.timeout()), config.resolution());
        registry.add(new SandboxRegistry.Entry(info, sandbox, new DesktopDriver(sandbox)));
        if (closed) {
            destroySandbox(sandboxId);
            throw new VmServiceException(ErrorCodes.CLIENT_CLOSED, "the client was closed while the sandbox booted");
        }
        LOG.info("created sandbox {} for user {} ({}, expires {})", sandboxId, userId, config.template(), info.expiresAt());
        return info;
    }

    /** Slots in use, creates waiting, and how long creates have waited so far. */
    public SlotStats slotStats() {
        return slots.stats();
    }

    /** Boots a sandbox in the slot taken; gives the slot back if none comes up. */
    private ProviderSandbox boot(SandboxSlots.Request slot, String sandboxId, String userId, SandboxConfig config) {
        while (true) {
            try {
                return provider.create(sandboxId, userId, config);
            } catch (QuotaExceededException refused) {
                // The provider's own limit: it made nothing, so waiting for a slot again is safe.
                if (!slots.refusedByProvider(slot, provider.name(), refused.limit())) {
                    throw refused;
                }
            } catch (RuntimeException e) {
                slots.release(userId);
                if (e instanceof VmServiceException typed) {
                    throw typed;
                }
                throw new SandboxCreationException("sandbox for user " + userId + " could not be created: " + e.getMessage(), e);
            }
        }
    }

    /** The user's live sandboxes, oldest first. */
    public List<SandboxInfo> listUserSandboxes(String userId) {
        checkUser(userId);
        destroyExpired();
        return registry.ofUser(userId).stream().map(SandboxRegistry.Entry::info).toList();
    }

    /**
     * Destroys a sandbox and everything running in it.
     *
     * @return false when no such sandbox was live
     */
    public boolean destroySandbox(String sandboxId) {
        return registry.remove(sandboxId).map(entry -> {
            retire(entry, "destroyed");
            return true;
        }).orElse(false);
    }

    /** Moves the sandbox's end to now + timeout (longer or shorter), as E2B's setTimeout. */
    public SandboxInfo setTimeout(String sandboxId, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(SandboxConfig.MAX_TIMEOUT) > 0) {
            throw new InvalidInputException("timeout " + timeout + " is out of range: it must be greater than 0 and at most "
                    + SandboxConfig.MAX_TIMEOUT.toHours() + " hours");
        }
        entry(sandboxId);
        registry.updateExpiry(sandboxId, clock.instant().plus(timeout));
        return getSandboxInfo(sandboxId);
    }

    public ServiceStats getStats() {
        destroyExpired();
        return registry.stats();
    }

    /** Destroys every sandbox of a user; returns how many. */
    public int cleanupUserSandboxes(String userId) {
        checkUser(userId);
        return (int) registry.ofUser(userId).stream().filter(e -> destroySandbox(e.info().sandboxId())).count();
    }

    /** Destroys every sandbox this client made; returns how many. */
    public int cleanupAllSandboxes() {
        return (int) registry.all().stream().filter(e -> destroySandbox(e.info().sandboxId())).count();
    }

    /** A view that sees only this user's sandboxes; another user's read as not found. */
    public TenantClient forUser(String userId) {
        checkUser(userId);
        return new TenantClient(this, userId);
    }

    /**
     * Every operation of this client returning {@code CompletableFuture}s, on a bounded pool:
     * each runs the method of the same name and parameters here.
     */
    public AsyncVmServiceClient async() {
        return async;
    }

    /** Destroys every sandbox this client made and stops its threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        slots.close();
        reaper.shutdownNow();
        asyncTwins.shutdown();
        cleanupAllSandboxes();
        if (ownsProvider) {
            provider.close();
        }
    }

    @Override
    SandboxRegistry.Entry entry(String sandboxId) {
        if (sandboxId == null) {
            throw new InvalidInputException("sandboxId must not be null");
        }
        SandboxRegistry.Entry entry = registry.get(sandboxId).orElseThrow(() -> new SandboxNotFoundException(sandboxId));
        if (!entry.info().expiresAt().isAfter(clock.instant())) {
            destroySandbox(sandboxId);
            throw new SandboxNotFoundException(sandboxId);
        }
        if (!entry.sandbox().isAlive()) {
            registry.remove(sandboxId).ifPresent(gone -> retire(gone, "found dead"));
            throw new SandboxNotFoundException(sandboxId);
        }
        return entry;
    }

    List<SandboxRegistry.Entry> entriesOf(String userId) {
        return registry.ofUser(userId);
    }

    private void destroyExpired() {
        for (SandboxRegistry.Entry expired : registry.expiredAt(clock.instant())) {
            registry.remove(expired.info().sandboxId()).ifPresent(e -> retire(e, "timed out"));
        }
    }

    /** Destroys a sandbox taken out of the registry; its slot is free only once it is gone. */
    private void retire(SandboxRegistry.Entry entry, String why) {
        try {
            entry.sandbox().close();
        } catch (RuntimeException e) {
            LOG.warn("destroying sandbox {} failed: {}", entry.info().sandboxId(), e.getMessage());
        } finally {
            slots.release(entry.info().userId());
        }
        LOG.info("sandbox {} of user {} {}", entry.info().sandboxId(), entry.info().userId(), why);
    }

    private void ensureOpen() {
        if (closed) {
            throw new VmServiceException(ErrorCodes.CLIENT_CLOSED, "the client is closed; build a new one");
        }
    }

    private static void checkSlotTimeout(Duration slotTimeout) {
        if (slotTimeout == null || slotTimeout.isNegative() || slotTimeout.compareTo(MAX_SLOT_TIMEOUT) > 0) {
            throw new InvalidInputException("slotTimeout must be between zero (fail at once) and "
                    + MAX_SLOT_TIMEOUT.toHours() + " hours, got " + slotTimeout);
        }
    }

    static void checkUser(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new InvalidInputException("user id \"" + userId + "\" must be 1-128 letters, digits or . _ @ + -");
        }
    }

    private static String newSandboxId() {
        // E2B's shape: 20 lower-case letters and digits.
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** Options of the client; {@link #build()} checks them. */
    public static final class Builder {
        private SandboxProvider provider;
        private String providerName = "local";
        private String apiKey;
        private String defaultTemplate = VmServiceSettings.TEMPLATE.defaultValue();
        private int maxConcurrentSandboxes = VmServiceSettings.MAX_SANDBOXES.defaultValue();
        private int maxSandboxesPerUser = Integer.MAX_VALUE;
        private Duration defaultTimeout = VmServiceSettings.TIMEOUT.defaultValue();
        private Duration slotTimeout = Duration.ZERO;
        private StepReporter steps = StepReporter.NONE;
        private int asyncThreads = 8;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * An E2B API key: sandboxes then come from E2B (domain, API URL and debug flag from
         * {@code E2B_DOMAIN}, {@code E2B_API_URL}, {@code E2B_DEBUG}). Null or blank keeps the local provider.
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            if (apiKey != null && !apiKey.isBlank()) {
                this.providerName = "e2b";
            }
            return this;
        }

        /**
         * {@code local} (the default) or {@code e2b}; e2b reads its settings from the environment
         * ({@code E2B_API_KEY}, ...) unless {@link #apiKey} gave a key.
         */
        public Builder providerName(String providerName) {
            this.providerName = providerName;
            return this;
        }

        /** Where sandboxes come from; the local desktop provider when not set. The client does not close it. */
        public Builder provider(SandboxProvider provider) {
            this.provider = provider;
            return this;
        }

        public Builder defaultTemplate(String defaultTemplate) {
            this.defaultTemplate = defaultTemplate;
            return this;
        }

        /**
         * Live sandboxes (and ones booting or being destroyed) across all users; more are refused
         * with QuotaExceededException, or wait for a slot when {@link #slotTimeout} is set. The
         * default is {@link VmServiceSettings#MAX_SANDBOXES}'s, as in a test run.
         */
        public Builder maxConcurrentSandboxes(int maxConcurrentSandboxes) {
            this.maxConcurrentSandboxes = maxConcurrentSandboxes;
            return this;
        }

        public Builder maxSandboxesPerUser(int maxSandboxesPerUser) {
            this.maxSandboxesPerUser = maxSandboxesPerUser;
            return this;
        }

        /**
         * How long {@link #createSandbox(String, SandboxConfig)} waits for a free slot when a limit
         * is reached, first come first served; {@link Duration#ZERO} (the default) fails at once
         * with QuotaExceededException, as the seed does: a service answers a full house at once
         * rather than holding a request. A {@code @DesktopTest} run queues instead, for
         * {@link VmServiceSettings#SLOT_TIMEOUT}.
         */
        public Builder slotTimeout(Duration slotTimeout) {
            this.slotTimeout = slotTimeout;
            return this;
        }

        /** Where a create that waits for a slot reports the wait as a step; Allure's in a JUnit suite. */
        public Builder steps(StepReporter steps) {
            this.steps = steps;
            return this;
        }

        /** The lifetime of a sandbox made by {@link #createSandbox(String)}; {@link VmServiceSettings#TIMEOUT}'s default. */
        public Builder defaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
            return this;
        }

        /** Threads of {@link #async()}'s pool. */
        public Builder asyncThreads(int asyncThreads) {
            this.asyncThreads = asyncThreads;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        SandboxProvider newProvider() {
            if (!"e2b".equals(providerName)) {
                return LocalProvider.create();
            }
            if (apiKey == null || apiKey.isBlank()) {
                return E2bProvider.fromEnvironment();
            }
            // The explicit key, with domain, API URL and debug flag from the environment as usual.
            java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
            environment.put("E2B_API_KEY", apiKey);
            return E2bProvider.fromEnvironment(environment, System.getProperties());
        }

        public VmServiceClient build() {
            if (!"local".equals(providerName) && !"e2b".equals(providerName)) {
                throw new InvalidInputException("provider \"" + providerName + "\" is not one of local, e2b");
            }
            if (maxConcurrentSandboxes < 1) {
                throw new InvalidInputException("maxConcurrentSandboxes must be at least 1, got " + maxConcurrentSandboxes);
            }
            if (maxSandboxesPerUser < 1) {
                throw new InvalidInputException("maxSandboxesPerUser must be at least 1, got " + maxSandboxesPerUser);
            }
            checkSlotTimeout(slotTimeout);
            if (steps == null) {
                throw new InvalidInputException("steps must not be null; use StepReporter.NONE");
            }
            if (asyncThreads < 1 || asyncThreads > 256) {
                throw new InvalidInputException("asyncThreads must be between 1 and 256, got " + asyncThreads);
            }
            SandboxConfig.builder().template(defaultTemplate).timeout(defaultTimeout).build();
            LoggingBinding.warnOnceIfMissing();
            return new VmServiceClient(this);
        }
    }
}
