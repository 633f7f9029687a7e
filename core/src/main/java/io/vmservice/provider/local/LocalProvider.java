package io.vmservice.provider.local;

import io.vmservice.doctor.DoctorReport;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.internal.LoggingBinding;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.SandboxProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.settings.VmServiceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop sandboxes on this machine: each one an Xvfb display with a session, in its own
 * bubblewrap namespaces, tied to this JVM so that none outlives it. Needs Linux, root (or
 * unprivileged user namespaces) and the Debian packages named by
 * {@link ProviderUnavailableException} when one is missing; {@link #doctor()} checks them all.
 *
 * <p>With a warm pool ({@link Builder#warmPool(int)}, or the setting {@code vmservice.local.pool.size}),
 * {@link #create} hands out a sandbox booted in the background and never used, when one with the same template, resolution, network, environment and working
 * directory is ready; its CPU and memory limits are set at hand-out. Otherwise it boots one.
 *
 * <p>With reuse ({@link Builder#reuse(int)}, or {@code vmservice.local.reuse}), a destroyed desktop
 * is brought back to the state it booted in and kept for its user's next {@code create}, which
 * costs a fraction of a boot; one that cannot be restored exactly is destroyed.
 */
public final class LocalProvider implements SandboxProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);
    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    public static final Duration DEFAULT_BOOT_TIMEOUT = VmServiceSettings.BOOT_TIMEOUT.defaultValue();
    /** Warm sandboxes to keep per kind of sandbox when the builder does not say; default 0, no pool. */
    public static final String POOL_SIZE_PROPERTY = VmServiceSettings.LOCAL_POOL_SIZE.property();
    /** Used desktops to keep per kind and user for reuse when the builder does not say; default 0, none. */
    public static final String REUSE_PROPERTY = VmServiceSettings.LOCAL_REUSE.property();

    private final Path baseDir;
    private final Duration bootTimeout;
    private final Map<String, LocalSandbox> sandboxes = new ConcurrentHashMap<>();
    private final WarmPool pool;
    private final boolean reuse;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalProvider(Builder builder) {
        this.baseDir = builder.baseDir.toAbsolutePath().normalize();
        this.bootTimeout = builder.bootTimeout;
        checkReachable(baseDir);
        sweepStaleSandboxes(baseDir);
        this.reuse = builder.reuse > 0;
        if (reuse) {
            SystemBinaries.require(DesktopBaseline.BINARIES);
        }
        this.pool = new WarmPool(builder.poolSize, builder.reuse, this::boot);
        this.shutdownHook = new Thread(this::shutdown, "vmservice-local-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        builder.prewarm.forEach(pool::prewarm);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LocalProvider create() {
        return builder().build();
    }

    /**
     * Checks this machine for everything the provider needs to run one desktop, as
     * {@code scripts/vmservice doctor} does; {@link LocalDoctor#builder()} checks for more.
     */
    public static DoctorReport doctor() {
        return LocalDoctor.builder().build().run();
    }

    @Override
    public String name() {
        return "local";
    }

    public Path baseDir() {
        return baseDir;
    }

    @Override
    public ProviderSandbox create(String sandboxId, SandboxConfig config) {
        return create(sandboxId, null, config);
    }

    /** Creates a sandbox for a user: with reuse on, a desktop this user used before comes first. */
    @Override
    public ProviderSandbox create(String sandboxId, String userId, SandboxConfig config) {
        if (closed) {
            throw new ProviderUnavailableException("the local provider is closed");
        }
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw new InvalidInputException("sandbox id \"" + sandboxId + "\" must be 1-64 letters, digits, '_' or '-'");
        }
        SystemBinaries.require(DesktopTemplate.of(config.template()).requiredBinaries());
        TrackedSandbox handle = handOutWarm(sandboxId, userId, config).orElseGet(() -> {
            LocalSandbox booted = boot(sandboxId, config);
            return new TrackedSandbox(booted, booted.leases().handOutAsBooted(userId), this);
        });
        sandboxes.put(sandboxId, handle.local());
        if (closed) {
            // close() ran while this sandbox was booting; it must not survive the provider.
            destroy(sandboxId, handle.local());
        }
        return handle;
    }

    private LocalSandbox boot(String name, SandboxConfig config) {
        return LocalSandbox.boot(name, config, DesktopTemplate.of(config.template()), baseDir, bootTimeout, reuse);
    }

    private Optional<TrackedSandbox> handOutWarm(String sandboxId, String userId, SandboxConfig config) {
        return pool.take(config, userId).flatMap(warm -> {
            try {
                return Optional.of(new TrackedSandbox(warm, warm.leases().handOut(sandboxId, userId, config), this));
            } catch (IOException e) {
                LOG.info("warm sandbox {} cannot take the limits of {} ({}); booting one", warm.name(), sandboxId,
                        e.getMessage());
                warm.close();
                return Optional.empty();
            }
        });
    }

    /** Warm sandboxes ready to be handed out. */
    List<LocalSandbox> warmSandboxes() {
        return pool.ready();
    }

    /** Used desktops restored and waiting for their users. */
    List<LocalSandbox> reusableSandboxes() {
        return pool.reusable();
    }

    /** Sandboxes created by this provider and not yet destroyed. */
    public int activeCount() {
        return sandboxes.size();
    }

    /** Forgets a sandbox handed out under this id, then keeps it for reuse or tears it down. */
    void destroy(String id, LocalSandbox sandbox) {
        sandboxes.remove(id, sandbox);
        if (reuse && !closed && sandbox.isRecyclable()) {
            pool.restoreLater(sandbox);
            return;
        }
        sandbox.close();
    }

    @Override
    public void close() {
        shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; nothing left to remove.
        }
    }

    /** What the JVM's shutdown hook runs: nothing of this provider may outlive the JVM. */
    void shutdown() {
        closed = true;
        pool.close();
        Map.copyOf(sandboxes).forEach(this::destroy);
    }

    /**
     * As root, sandboxes run as unprivileged host users that must reach their own directories:
     * every existing ancestor of the base directory needs the search bit for others.
     */
    private static void checkReachable(Path baseDir) {
        if (!SandboxUser.isRoot()) {
            return;
        }
        for (Path dir = baseDir.getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (java.nio.file.Files.isDirectory(dir) && !java.nio.file.Files.getPosixFilePermissions(dir)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new ProviderUnavailableException("sandboxes cannot reach their directories under " + baseDir
                            + ": " + dir + " is not searchable by other users; choose another place with"
                            + " LocalProvider.builder().baseDir(...) or -Djava.io.tmpdir" + LocalDoctor.HINT);
                }
            } catch (java.io.IOException e) {
                throw new ProviderUnavailableException("cannot inspect " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Once per base directory and JVM: remove what a killed JVM left behind. */
    private static void sweepStaleSandboxes(Path baseDir) {
        if (SWEPT.add(baseDir)) {
            List<String> removed = SandboxLayout.removeStale(baseDir);
            if (!removed.isEmpty()) {
                LOG.info("removed {} sandbox directories left by a process that is gone: {}", removed.size(), removed);
            }
            CgroupLimits.removeStale(() -> Set.copyOf(liveIds(baseDir)));
        }
    }

    private static List<String> liveIds(Path baseDir) {
        try (var entries = java.nio.file.Files.list(baseDir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Options of the local provider. */
    public static final class Builder {
        private Path baseDir = Path.of(System.getProperty("java.io.tmpdir"), "vmservice-local");
        // Read through the one settings type: environment, system property, junit-platform.properties.
        private final VmServiceSettings settings = VmServiceSettings.fromEnvironment();
        private Duration bootTimeout = settings.get(VmServiceSettings.BOOT_TIMEOUT);
        private int poolSize = settings.get(VmServiceSettings.LOCAL_POOL_SIZE);
        private int reuse = settings.get(VmServiceSettings.LOCAL_REUSE);
        private final List<SandboxConfig> prewarm = new ArrayList<>();

        private Builder() {
        }

        /** Where sandbox directories live on the host (hidden from every sandbox). */
        public Builder baseDir(Path baseDir) {
            this.baseDir = baseDir;
            return this;
        }

        /** How long a sandbox may take to show its desktop before creation fails. */
        public Builder bootTimeout(Duration bootTimeout) {
            if (bootTimeout == null || bootTimeout.isNegative() || bootTimeout.isZero()) {
                throw new InvalidInputException("bootTimeout must be positive, got " + bootTimeout);
            }
            this.bootTimeout = bootTimeout;
            return this;
        }

        /**
         * Keeps up to {@code size} booted, never-used sandboxes of each kind asked for (template,
         * resolution, network, environment, working directory), refilled in the background as
         * they are handed out, destroyed when the provider closes or the JVM exits. 0 (the default,
         * unless {@code vmservice.local.pool.size} says otherwise) turns the pool off.
         */
        public Builder warmPool(int size) {
            if (size < 0) {
                throw new InvalidInputException("warmPool size must be 0 or more, got " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * Reuses desktops: when a sandbox is destroyed, its processes started since boot are
         * killed, its files written since are deleted, input and workspace are put back, and
         * then its processes, X server state (root window, windows, settings, keyboard and
         * pointer, keymap), files, IPC objects and screen are compared with those recorded after
         * its boot. If all match, it waits, up to {@code perUser} per kind and user, for the same
         * user's next {@code create}; otherwise, or if the test changed xfce4's settings or
         * streamed the screen, it is destroyed. Costs a fraction of a boot; a test gets a desktop
         * in its boot state but not a new one. 0 (the default, unless {@code vmservice.local.reuse}
         * says otherwise) destroys every sandbox.
         */
        public Builder reuse(int perUser) {
            if (perUser < 0) {
                throw new InvalidInputException("reuse must be 0 or more desktops, got " + perUser);
            }
            this.reuse = perUser;
            return this;
        }

        /** Fills the warm pool with sandboxes of these configurations from the start, not from their first request. */
        public Builder prewarm(SandboxConfig... configs) {
            for (SandboxConfig config : configs) {
                DesktopTemplate.of(config.template());
                prewarm.add(config);
            }
            return this;
        }

        public LocalProvider build() {
            LoggingBinding.warnOnceIfMissing();
            return new LocalProvider(this);
        }
    }
}
