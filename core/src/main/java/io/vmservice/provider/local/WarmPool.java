package io.vmservice.provider.local;

import io.vmservice.sandbox.SandboxConfig;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * <p>Besides, up to {@code reuse} sandboxes per key and user that were used and are brought back
 * to their boot state ({@link LocalSandbox#recycle}) on a thread of their own, while the next test
 * runs; they go only to the same user again, before a never-used one, and a caller waits for a
 * restore under way rather than boot.
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
    private final ExecutorService restorer;
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
        this.restorer = reuse == 0 ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vmservice-local-restore");
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
        LocalSandbox sandbox = reuse > 0 ? takeUsed(shelf.used(owner)) : null;
        if (sandbox == null) {
            sandbox = firstAlive(shelf.ready);
            shelf.refillLater();
        }
        return Optional.ofNullable(sandbox);
    }

    /**
     * Restores a used sandbox in the background and keeps it for its user's next request; closes
     * it when the pool is closed, already keeps enough for this user, or the restore fails.
     */
    void restoreLater(LocalSandbox sandbox) {
        Deque<CompletableFuture<LocalSandbox>> used = shelf(sandbox.config()).used(sandbox.leases().current().owner());
        CompletableFuture<LocalSandbox> restored = new CompletableFuture<>();
        synchronized (this) {
            if (!closed && used.size() < reuse) {
                used.addLast(restored);
                try {
                    restorer.execute(() -> restored.complete(restore(sandbox)));
                    return;
                } catch (RejectedExecutionException closing) {
                    used.remove(restored);
                }
            }
        }
        sandbox.close();
    }

    private static LocalSandbox restore(LocalSandbox sandbox) {
        long start = System.nanoTime();
        Optional<String> difference;
        try {
            difference = sandbox.recycle();
        } catch (RuntimeException e) {
            difference = Optional.of(String.valueOf(e.getMessage()));
        }
        if (difference.isEmpty()) {
            LOG.debug("sandbox {} restored to its boot state in {} ms", sandbox.name(), (System.nanoTime() - start) / 1_000_000);
            return sandbox;
        }
        LOG.info("sandbox {} is destroyed, not reused: {}", sandbox.name(), difference.get());
        sandbox.close();
        return null;
    }

    /**
     * A restored sandbox of this user; else, when the user has all the used sandboxes it may keep,
     * the next whose restore is under way, much sooner than a boot; else none, so that a second
     * sandbox joins the rotation and later tests find one restored while another test ran.
     */
    private LocalSandbox takeUsed(Deque<CompletableFuture<LocalSandbox>> used) {
        for (CompletableFuture<LocalSandbox> restored : used) {
            if (restored.isDone() && used.remove(restored)) {
                LocalSandbox sandbox = alive(restored.join());
                if (sandbox != null) {
                    return sandbox;
                }
            }
        }
        while (used.size() >= reuse) {
            CompletableFuture<LocalSandbox> restoring = used.pollFirst();
            if (restoring == null) {
                return null;
            }
            LocalSandbox sandbox = alive(restoring.join());
            if (sandbox != null) {
                return sandbox;
            }
        }
        return null;
    }

    private static LocalSandbox alive(LocalSandbox sandbox) {
        if (sandbox != null && !sandbox.isAlive()) {
            LOG.warn("sandbox {} died while waiting in the pool: {}", sandbox.name(), sandbox.logs());
            sandbox.close();
            return null;
        }
        return sandbox;
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

    /** Used sandboxes restored for their users, over all keys, once the restores under way have ended. */
    List<LocalSandbox> reusable() {
        return shelves.values().stream().flatMap(s -> s.used.values().stream()).flatMap(Deque::stream)
                .map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList();
    }

    /** Stops refilling, waits for a boot under way, and destroys every warm sandbox. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (ExecutorService executor : new ExecutorService[] {refill, restorer}) {
            if (executor != null) {
                executor.shutdown();
                try {
                    executor.awaitTermination(LocalProvider.DEFAULT_BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        List<LocalSandbox> left = new ArrayList<>();
        shelves.values().forEach(shelf -> {
            for (LocalSandbox s; (s = shelf.ready.poll()) != null; ) {
                left.add(s);
            }
            shelf.used.values().forEach(used -> {
                for (CompletableFuture<LocalSandbox> f; (f = used.poll()) != null; ) {
                    LocalSandbox s = f.getNow(null);
                    if (s != null) {
                        left.add(s);
                    }
                }
            });
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
        /** By user ("" for sandboxes created without one): restored sandboxes, or their restores under way. */
        private final Map<String, Deque<CompletableFuture<LocalSandbox>>> used = new ConcurrentHashMap<>();
        private final AtomicBoolean refilling = new AtomicBoolean();

        Shelf(SandboxConfig config) {
            this.config = config;
        }

        Deque<CompletableFuture<LocalSandbox>> used(String owner) {
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
