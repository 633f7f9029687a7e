package io.vmservice.provider.local;

import io.vmservice.SandboxConfig;
import java.util.ArrayList;
import java.util.Deque;
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
 *
 * <p>Besides, up to {@code reuse} sandboxes per key and user that were used and then brought back
 * to their boot state ({@link LocalSandbox#recycle}); they go only to the same user again, and
 * before a never-used one.
 */
final class WarmPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);
    /** Shared by every pool of this JVM; the pid keeps names apart from other JVMs' under one base directory. */
    private static final AtomicLong NEXT_NAME = new AtomicLong();

    private final int size;
    private final int reuse;
    private final BiFunction<String, SandboxConfig, LocalSandbox> boot;
    private final Map<PoolKey, Shelf> shelves = new ConcurrentHashMap<>();
    private final ExecutorService refill;
    private boolean closed;

    /**
     * @param size warm sandboxes kept per key; 0 turns the pool off
     * @param reuse used, restored sandboxes kept per key and user; 0 keeps none
     * @param boot boots a sandbox under a directory name of the pool's choosing
     */
    WarmPool(int size, int reuse, BiFunction<String, SandboxConfig, LocalSandbox> boot) {
        this.size = size;
        this.reuse = reuse;
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

    /**
     * A sandbox for this configuration's key: one this user used before and that was restored,
     * else a never-used one, else empty.
     */
    Optional<LocalSandbox> take(SandboxConfig config, String owner) {
        if (size == 0 && reuse == 0) {
            return Optional.empty();
        }
        Shelf shelf = shelf(config);
        LocalSandbox sandbox = firstAlive(shelf.used(owner));
        if (sandbox == null) {
            sandbox = firstAlive(shelf.ready);
            shelf.refillLater();
        }
        return Optional.ofNullable(sandbox);
    }

    /**
     * Keeps a used sandbox, already restored to its boot state, for its user's next request.
     *
     * @return false when the pool is closed or holds enough of them; the caller then destroys it
     */
    boolean giveBack(LocalSandbox sandbox) {
        Deque<LocalSandbox> used = shelf(sandbox.config()).used(sandbox.owner());
        synchronized (this) {
            if (closed || used.size() >= reuse) {
                return false;
            }
            used.addFirst(sandbox);
            return true;
        }
    }

    private static LocalSandbox firstAlive(Deque<LocalSandbox> sandboxes) {
        LocalSandbox sandbox;
        while ((sandbox = sandboxes.poll()) != null && !sandbox.isAlive()) {
            LOG.warn("sandbox {} died while waiting in the pool: {}", sandbox.name(), sandbox.logs());
            sandbox.close();
        }
        return sandbox;
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

    /** Used, restored sandboxes waiting for their users, over all keys. */
    List<LocalSandbox> reusable() {
        return shelves.values().stream().flatMap(s -> s.used.values().stream()).flatMap(Deque::stream).toList();
    }

    /** Stops refilling, waits for a boot under way, and destroys every warm sandbox. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (refill != null) {
            refill.shutdown();
            try {
                refill.awaitTermination(LocalProvider.DEFAULT_BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<LocalSandbox> left = new ArrayList<>();
        shelves.values().forEach(shelf -> {
            drain(shelf.ready, left);
            shelf.used.values().forEach(used -> drain(used, left));
        });
        left.forEach(LocalSandbox::close);
    }

    private static void drain(Deque<LocalSandbox> from, List<LocalSandbox> to) {
        for (LocalSandbox s; (s = from.poll()) != null; ) {
            to.add(s);
        }
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
        /** By user; "" for sandboxes created without one. */
        private final Map<String, Deque<LocalSandbox>> used = new ConcurrentHashMap<>();
        private final AtomicBoolean refilling = new AtomicBoolean();

        Shelf(SandboxConfig config) {
            this.config = config;
        }

        Deque<LocalSandbox> used(String owner) {
            return used.computeIfAbsent(owner == null ? "" : owner, o -> new ConcurrentLinkedDeque<>());
        }

        void refillLater() {
            if (refill != null && !isClosed() && ready.size() < size && refilling.compareAndSet(false, true)) {
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
