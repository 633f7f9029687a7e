package io.vmservice.provider.local;

import io.vmservice.sandbox.SandboxConfig;

/**
 * One hand-out of a local sandbox: the id and configuration its caller sees and the user it
 * serves. A value that never changes; each hand-out, and each return, makes a new one with a new
 * number, so a handle that keeps its lease can always tell whether the sandbox is still its own.
 *
 * @param number unique among the leases of one sandbox
 * @param id the id its caller gave, or the sandbox's own name while nobody holds it
 * @param owner the user it serves, or null when it has none
 * @param config the configuration it runs with, whose CPU and memory limits hold now
 * @param held whether a caller holds it; false for the lease of a sandbox between tests
 */
record Lease(long number, String id, String owner, SandboxConfig config, boolean held) {

    /** The lease of a sandbox nobody holds: between its boot and its first hand-out, or between tests. */
    static Lease idle(long number, String name, String owner, SandboxConfig config) {
        return new Lease(number, name, owner, config, false);
    }

    /**
     * Whether a caller of this user and configuration may take the sandbox: same {@link PoolKey},
     * and a user it has not served anyone else for.
     *
     * @throws IllegalArgumentException naming what does not match
     */
    void requireFits(String name, String owner, SandboxConfig config) {
        if (!PoolKey.of(config).equals(PoolKey.of(this.config))) {
            throw new IllegalArgumentException("sandbox " + name + " was booted for " + PoolKey.of(this.config)
                    + ", not for " + PoolKey.of(config));
        }
        if (this.owner != null && !this.owner.equals(owner)) {
            throw new IllegalArgumentException("sandbox " + name + " was used by another user");
        }
    }
}
