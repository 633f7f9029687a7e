package io.vmservice.provider.local;

import io.vmservice.SandboxConfig;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.SandboxProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop sandboxes on this machine: each one an Xvfb display with a session, in its own
 * bubblewrap namespaces, tied to this JVM so that none outlives it. Needs Linux, root (or
 * unprivileged user namespaces) and the Debian packages named by
 * {@link ProviderUnavailableException} when one is missing.
 */
public final class LocalProvider implements SandboxProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);
    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    public static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofSeconds(60);

    private final Path baseDir;
    private final Duration bootTimeout;
    private final Map<String, LocalSandbox> sandboxes = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalProvider(Builder builder) {
        this.baseDir = builder.baseDir.toAbsolutePath().normalize();
        this.bootTimeout = builder.bootTimeout;
        checkReachable(baseDir);
        sweepStaleSandboxes(baseDir);
        this.shutdownHook = new Thread(this::destroyAll, "vmservice-local-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LocalProvider create() {
        return builder().build();
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
        if (closed) {
            throw new ProviderUnavailableException("the local provider is closed");
        }
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw new InvalidInputException("sandbox id \"" + sandboxId + "\" must be 1-64 letters, digits, '_' or '-'");
        }
        DesktopTemplate template = DesktopTemplate.of(config.template());
        SystemBinaries.require(template.requiredBinaries());
        LocalSandbox sandbox = LocalSandbox.boot(sandboxId, config, template, baseDir, bootTimeout);
        sandboxes.put(sandboxId, sandbox);
        if (closed) {
            // close() ran while this sandbox was booting; it must not survive the provider.
            destroy(sandbox);
        }
        return new TrackedSandbox(sandbox, this);
    }

    /** Sandboxes created by this provider and not yet destroyed. */
    public int activeCount() {
        return sandboxes.size();
    }

    void destroy(LocalSandbox sandbox) {
        sandboxes.remove(sandbox.id(), sandbox);
        sandbox.close();
    }

    @Override
    public void close() {
        closed = true;
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; nothing left to remove.
        }
    }

    private void destroyAll() {
        List.copyOf(sandboxes.values()).forEach(this::destroy);
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
                            + " LocalProvider.builder().baseDir(...) or -Djava.io.tmpdir");
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
            CgroupLimits.removeStale(Set.copyOf(liveIds(baseDir)));
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
        private Duration bootTimeout = DEFAULT_BOOT_TIMEOUT;

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

        public LocalProvider build() {
            return new LocalProvider(this);
        }
    }
}
