package io.vmservice.provider.local;

import io.vmservice.provider.input.InputTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An input helper running inside a local sandbox, attached to this JVM by pipes: requests are
 * written to its standard input, and one thread per output stream hands what it prints to the
 * channel. Closing it closes its input (the helper then exits), kills whatever is left of it and
 * reaps it.
 */
final class LocalInputTransport implements InputTransport {

    private static final long EXIT_WAIT_MS = 1000;

    private final Process process;
    private final OutputStream stdin;
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private final AtomicInteger openStreams = new AtomicInteger(2);
    private volatile boolean ended;

    private LocalInputTransport(Process process, String name, Output output) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutPump = pump(process.getInputStream(), name + "-out", output, true);
        this.stderrPump = pump(process.getErrorStream(), name + "-err", output, false);
    }

    static LocalInputTransport start(Process process, String name, Output output) {
        LocalInputTransport transport = new LocalInputTransport(process, name, output);
        transport.stdoutPump.start();
        transport.stderrPump.start();
        return transport;
    }

    private Thread pump(InputStream in, String name, Output output, boolean isStdout) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (isStdout) {
                        output.stdout(buffer, 0, n);
                    } else {
                        output.stderr(buffer, 0, n);
                    }
                }
            } catch (IOException closed) {
                // The pipe was closed with the helper: the same as its end.
            } finally {
                // Both streams drained: every answer the helper gave has been read.
                if (openStreams.decrementAndGet() == 0) {
                    ended = true;
                    output.ended();
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public synchronized void send(byte[] bytes) throws NotDelivered {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new NotDelivered("the input helper's standard input is closed", e);
        }
    }

    @Override
    public boolean isAlive() {
        return !ended && process.isAlive();
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException alreadyClosed) {
            // Nothing more to send anyway.
        }
        try {
            if (!process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                ProcessRunner.killTree(process.toHandle());
                process.waitFor(5, TimeUnit.SECONDS);
            }
            stdoutPump.join(EXIT_WAIT_MS);
            stderrPump.join(EXIT_WAIT_MS);
        } catch (InterruptedException e) {
            ProcessRunner.killTree(process.toHandle());
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }
}
