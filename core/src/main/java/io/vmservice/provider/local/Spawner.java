package io.vmservice.provider.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts sandbox root processes from one thread that lives as long as the JVM.
 *
 * <p>bwrap's {@code --die-with-parent} uses the kernel's parent-death signal, which fires when
 * the <em>thread</em> that forked the process ends, not only the process. Forking from a pooled
 * thread would kill a healthy sandbox when that thread retires; this thread never does.
 */
final class Spawner {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vmservice-sandbox-spawner");
        t.setDaemon(true);
        return t;
    });

    private Spawner() {
    }

    static Process start(ProcessBuilder builder) {
        Future<Process> started = THREAD.submit(builder::start);
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a sandbox", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("cannot start a sandbox process", cause);
        }
    }
}
