package io.vmservice.provider.input;

import io.vmservice.sandbox.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one helper's output into replies: the request waiting for its answer learns when the
 * helper started it, and gets its status, standard output and error once both end markers have
 * arrived, however the transport split the bytes.
 */
final class Replies implements InputTransport.Output {

    private final String marker;
    private final OutputBuffer out = new OutputBuffer();
    private final OutputBuffer err = new OutputBuffer();
    private Pending pending;
    private boolean ended;

    Replies(String marker) {
        this.marker = marker;
    }

    /** The reply to request {@code seq}, which is about to be sent; one request at a time. */
    synchronized Pending expect(long seq) {
        pending = new Pending(seq);
        if (ended) {
            pending.fail();
        }
        return pending;
    }

    @Override
    public synchronized void stdout(byte[] bytes, int offset, int length) {
        out.append(bytes, offset, length);
        parse();
    }

    @Override
    public synchronized void stderr(byte[] bytes, int offset, int length) {
        err.append(bytes, offset, length);
        parse();
    }

    @Override
    public synchronized void ended() {
        ended = true;
        if (pending != null) {
            pending.fail();
        }
    }

    private void parse() {
        Pending p = pending;
        if (p == null || p.done.isDone()) {
            return;
        }
        if (!p.started) {
            byte[] run = ascii(marker + " run " + p.seq + "\n");
            int at = out.indexOf(run, 0);
            if (at < 0) {
                return;
            }
            out.discard(at + run.length);
            p.started = true;
        }
        if (p.status == null) {
            byte[] end = ascii("\n" + marker + " end " + p.seq + " ");
            int at = out.indexOf(end, 0);
            int newline = at < 0 ? -1 : out.indexOf((byte) '\n', at + end.length);
            if (newline >= 0) {
                p.stdout = out.text(0, at);
                p.status = Integer.parseInt(out.text(at + end.length, newline).trim());
                out.discard(newline + 1);
            }
        }
        if (p.stderr == null) {
            byte[] end = ascii("\n" + marker + " end " + p.seq + "\n");
            int at = err.indexOf(end, 0);
            if (at >= 0) {
                p.stderr = err.text(0, at);
                err.discard(at + end.length);
            }
        }
        if (p.status != null && p.stderr != null) {
            p.done.complete(new CommandResult(p.status, p.stdout, p.stderr));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** What is known of one request's run. */
    final class Pending {
        final long seq;
        final CompletableFuture<CommandResult> done = new CompletableFuture<>();
        private boolean started;
        private Integer status;
        private String stdout;
        private String stderr;

        private Pending(long seq) {
            this.seq = seq;
        }

        /** True once the helper has said it starts the command: it may have run from then on. */
        boolean started() {
            synchronized (Replies.this) {
                return started;
            }
        }

        String stdoutSoFar() {
            synchronized (Replies.this) {
                return stdout != null ? stdout : started ? out.text() : "";
            }
        }

        String stderrSoFar() {
            synchronized (Replies.this) {
                return stderr != null ? stderr : err.text();
            }
        }

        private void fail() {
            done.completeExceptionally(new ChannelEnded(started));
        }
    }

    /** The helper ended, or could no longer be heard, before it answered. */
    static final class ChannelEnded extends RuntimeException {
        final boolean started;

        ChannelEnded(boolean started) {
            super(started ? "the input channel ended while a command ran" : "the input channel ended before a command started",
                    null, false, false);
            this.started = started;
        }
    }
}
