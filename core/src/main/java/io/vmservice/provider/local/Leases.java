package io.vmservice.provider.local;

import io.vmservice.exception.SandboxReleasedException;
import io.vmservice.sandbox.SandboxConfig;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which {@link Lease} of one sandbox may act on it now. A reused desktop goes to test after test,
 * so a handle must not reach it once its own test gave it back: every hand-out is a new lease,
 * giving one back is one compare-and-set (a handle closed twice, or from two threads, gives the
 * sandbox back once), and a handle whose lease is no longer the current one gets a
 * {@link SandboxReleasedException} instead of acting on another test's desktop.
 */
final class Leases {

    private final String name;
    private final CgroupLimits cgroups;
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicReference<Lease> current;

    Leases(String name, SandboxConfig config, CgroupLimits cgroups) {
        this.name = name;
        this.cgroups = cgroups;
        this.current = new AtomicReference<>(Lease.idle(numbers.incrementAndGet(), name, null, config));
    }

    Lease current() {
        return current.get();
    }

    /**
     * Gives a warm or restored sandbox, booted with a configuration of the same {@link PoolKey},
     * to a caller: its id, and its configuration's CPU and memory limits from now on.
     *
     * @return the caller's lease, the only one that may use the sandbox from now on
     * @throws IOException when the limits cannot be applied (the session already uses more memory)
     * @throws IllegalStateException when another hand-out came first
     */
    Lease handOut(String id, String owner, SandboxConfig config) throws IOException {
        Lease idle = current.get();
        idle.requireFits(name, owner, config);
        cgroups.apply(config.cpuCount(), config.memoryMb());
        return replace(idle, new Lease(numbers.incrementAndGet(), id, owner, config, true));
    }

    /** Hands a sandbox just booted for a caller to it, under its name; booted with its limits, it needs nothing else. */
    Lease handOutAsBooted(String owner) {
        Lease booted = current.get();
        return replace(booted, new Lease(numbers.incrementAndGet(), name, owner, booted.config(), true));
    }

    private Lease replace(Lease from, Lease to) {
        if (!current.compareAndSet(from, to)) {
            throw new IllegalStateException("sandbox " + name + " was handed out meanwhile");
        }
        return to;
    }

    /**
     * Ends this lease if it is the current one; the sandbox then keeps its user and configuration
     * for the pool, under its own name.
     *
     * @return whether this call ended it, so that exactly one caller gives the sandbox back
     */
    boolean release(Lease lease) {
        return lease.held() && current.compareAndSet(lease,
                Lease.idle(numbers.incrementAndGet(), name, lease.owner(), lease.config()));
    }

    boolean holds(Lease lease) {
        return current.get() == lease;
    }

    /** @throws SandboxReleasedException when this lease was given back, whoever holds the sandbox now */
    void requireHeld(Lease lease) {
        if (!holds(lease)) {
            throw new SandboxReleasedException(lease.id());
        }
    }
}
