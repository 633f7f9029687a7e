package io.vmservice.provider.local;

import io.vmservice.SandboxConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Booted, never-used sandboxes waiting for callers, up to {@code size} per {@link PoolKey}.
 * Taking one starts a refill of its key on the pool's own thread, which boots one sandbox at a
 * time so that refills leave the machine's cores to the tests. A key is kept warm from its first
 * request (or from {@link #prewarm}) until the pool closes.
 */
final class WarmPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);
    /** Shared by every pool of this JVM; the pid keeps names apart from other JVMs' under one base directory. */
    private static final AtomicLong NEXT_NAME = new AtomicLong();

    private final int size;
    private final BiFunction<String, SandboxConfig, LocalSandbox> boot;
    private final Map<PoolKey, Shelf> shelves = new ConcurrentHashMap<>();
    private final ExecutorService refill;
    private boolean closed;

    /**
     * @param size warm sandboxes kept per key; 0 turns the pool off
     * @param boot boots a sandbox under a directory name of the pool's choosing
     */
    WarmPool(int size, BiFunction<String, SandboxConfig, LocalSandbox> boot) {
        this.size = size;
        this.boot = boot;
        this.refill = size == 0 ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vmservice-local-pool-refill");
            t.setDaemon(true);
            return t;
        });
    }

    int size() {
        return size;
    }

    /** A warm sandbox booted for this configuration's key, or empty when none is ready yet. */
    Optional<LocalSandbox> take(SandboxConfig config) {
        if (size == 0) {
            return Optional.empty();
        }
        Shelf shelf = shelf(config);
        LocalSandbox sandbox;
        while ((sandbox = shelf.ready.poll()) != null && !sandbox.isAlive()) {
            LOG.warn("warm sandbox {} died while waiting in the pool: {}", sandbox.name(), sandbox.logs());
            sandbox.close();
        }
        shelf.refillLater();
        return Optional.ofNullable(sandbox);
    }

    /** Starts filling this configuration's key before its first request. */
    void prewarm(SandboxConfig config) {
        if (size > 0) {
            shelf(config).refillLater();
        }
    }

    /** Warm sandboxes ready now, over all keys. */
    List<LocalSandbox> ready() {
        return shelves.values().stream().flatMap(s -> s.ready.stream()).toList();
    }

    /** Stops refilling, waits for a boot under way, and destroys every warm sandbox. */
    @Override
    public void close() {
        if (refill == null) {
            return;
        }
        synchronized (this) {
            closed = true;
        }
        refill.shutdown();
        try {
            refill.awaitTermination(LocalProvider.DEFAULT_BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LocalSandbox> left = new ArrayList<>();
        shelves.values().forEach(shelf -> {
            for (LocalSandbox s; (s = shelf.ready.poll()) != null; ) {
                left.add(s);
            }
        });
        left.forEach(LocalSandbox::close);
    }

    private Shelf shelf(SandboxConfig config) {
        return shelves.computeIfAbsent(PoolKey.of(config), key -> new Shelf(config));
    }

    /** Shelves a booted sandbox, unless the pool closed meanwhile. */
    private boolean shelve(Shelf shelf, LocalSandbox sandbox) {
        synchronized (this) {
            if (!closed) {
                shelf.ready.add(sandbox);
                return true;
            }
        }
        sandbox.close();
        return false;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The warm sandboxes of one key, and the configuration they are booted with. */
    private final class Shelf {
        private final SandboxConfig config;
        private final ConcurrentLinkedDeque<LocalSandbox> ready = new ConcurrentLinkedDeque<>();
        private final AtomicBoolean refilling = new AtomicBoolean();

        Shelf(SandboxConfig config) {
            this.config = config;
        }

        void refillLater() {
            if (!isClosed() && ready.size() < size && refilling.compareAndSet(false, true)) {
                try {
                    refill.execute(this::fill);
                } catch (RejectedExecutionException closing) {
                    refilling.set(false);
                }
            }
        }

        private void fill() {
            boolean failed = false;
            try {
                while (!isClosed() && ready.size() < size) {
                    String name = "warm." + ProcessHandle.current().pid() + "." + NEXT_NAME.incrementAndGet();
                    if (!shelve(this, boot.apply(name, config))) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // Callers boot cold meanwhile; their next request tries again.
                failed = true;
                LOG.warn("cannot boot a warm sandbox for {}: {}", PoolKey.of(config), e.getMessage());
            } finally {
                refilling.set(false);
            }
            if (!failed) {
                // A sandbox taken between the last check and the flag's reset.
                refillLater();
            }
        }
    }
}
