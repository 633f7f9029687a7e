package io.vmservice.provider.local;

import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends one sandbox for good: its helpers and stream, every process, its cgroups and its directory.
 * A user's close, the provider's close, the pool's and the JVM's shutdown hook may all try at
 * once; one compare-and-set picks the one that tears down, and the others return at once.
 */
final class SandboxTeardown {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxTeardown.class);

    private final String name;
    private final Runnable stopHelpers;
    private final SandboxProcesses processes;
    private final CgroupLimits cgroups;
    private final SandboxLayout layout;
    private final AtomicBoolean started = new AtomicBoolean();

    /** @param stopHelpers ends what talks to the sandbox from this JVM: input channels and stream */
    SandboxTeardown(String name, Runnable stopHelpers, SandboxProcesses processes, CgroupLimits cgroups,
                    SandboxLayout layout) {
        this.name = name;
        this.stopHelpers = stopHelpers;
        this.processes = processes;
        this.cgroups = cgroups;
        this.layout = layout;
    }

    /** @return whether this call tore the sandbox down; false when another call did or does */
    boolean run() {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        stopHelpers.run();
        processes.endAll();
        cgroups.release();
        try {
            layout.delete();
        } catch (UncheckedIOException e) {
            LOG.warn("cannot remove directory of sandbox {}: {}", name, e.getMessage());
        }
        return true;
    }

    /** Once true, the sandbox takes no more commands. */
    boolean isStarted() {
        return started.get();
    }
}
