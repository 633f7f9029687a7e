package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code Process/Start} stream of a process started with its standard input open: its output
 * as envd sends it, one data event per read as the process writes, keepalives while it is quiet,
 * then its end. A client that leaves detaches: the process runs on, its output dropped.
 */
final class AttachedStream {

    private static final String CONNECT_JSON = "application/connect+json";
    private static final int MAX_DATA_CHUNK = 32 * 1024;

    private final ServerProcess process;
    private final Duration keepalive;
    private final boolean keepalives;
    private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    private volatile boolean detached;

    AttachedStream(ServerProcess process, Duration keepalive, boolean keepalives) {
        this.process = process;
        this.keepalive = keepalive;
        this.keepalives = keepalives;
    }

    void send(HttpExchange exchange) throws IOException {
        Process attached = process.attached();
        pump(attached.getInputStream(), "stdout");
        pump(attached.getErrorStream(), "stderr");
        exchange.getResponseHeaders().set("Content-Type", CONNECT_JSON);
        exchange.sendResponseHeaders(200, 0);
        EnvelopeWriter writer = new EnvelopeWriter(exchange.getResponseBody(), false);
        try {
            writer.write(0, event("start", Exchanges.JSON.createObjectNode().put("pid", process.pid())));
            long deadline = process.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + process.timeout().toNanos();
            for (int open = 2; open > 0; ) {
                long wait = Math.min(keepalive.toNanos(), deadline - System.nanoTime());
                Chunk chunk = wait <= 0 ? null : chunks.poll(wait, TimeUnit.NANOSECONDS);
                if (System.nanoTime() >= deadline) {
                    attached.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    attached.destroyForcibly();
                    writer.write(EnvelopeWriter.END_STREAM, error("deadline_exceeded", "context deadline exceeded"));
                    return;
                }
                if (chunk == null) {
                    if (keepalives) {
                        writer.write(0, event("keepalive", Exchanges.JSON.createObjectNode()));
                    }
                } else if (chunk.bytes == null) {
                    open--;
                } else {
                    writer.write(0, event("data", Exchanges.JSON.createObjectNode()
                            .put(chunk.stream, Base64.getEncoder().encodeToString(chunk.bytes))));
                }
            }
            int exit = attached.waitFor();
            ObjectNode end = Exchanges.JSON.createObjectNode();
            if (exit > 128) {
                // nsenter passes on the signal that killed the process; envd reports it as a signal.
                end.put("exitCode", -1).put("status", "signal: killed").put("error", "signal: killed");
            } else {
                if (exit != 0) {
                    end.put("exitCode", exit).put("error", "exit status " + exit);
                }
                end.put("exited", true).put("status", "exit status " + exit);
            }
            writer.write(0, event("end", end));
            writer.write(EnvelopeWriter.END_STREAM, Exchanges.JSON.createObjectNode());
        } catch (IOException clientGone) {
            detached = true;
            chunks.clear();
            throw clientGone;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream in, String stream) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[MAX_DATA_CHUNK];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!detached) {
                        chunks.add(new Chunk(stream, Arrays.copyOf(buffer, n)));
                    }
                }
            } catch (IOException closed) {
                // The process ended.
            } finally {
                chunks.add(new Chunk(stream, null));
            }
        }, "envd-" + stream + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
    }

    private static ObjectNode event(String kind, ObjectNode value) {
        ObjectNode event = Exchanges.JSON.createObjectNode();
        event.putObject("event").set(kind, value);
        return event;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode end = Exchanges.JSON.createObjectNode();
        end.putObject("error").put("code", code).put("message", message);
        return end;
    }

    /** Bytes read from one stream; null bytes: the stream has ended. */
    private record Chunk(String stream, byte[] bytes) {
    }
}
