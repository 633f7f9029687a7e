package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Reads a Connect server stream: envelopes of one flags byte, a 4-byte big-endian length and a
 * JSON payload, the last one flagged end-of-stream. Envelopes may arrive split over any number of
 * network reads; the reader waits for whole ones. A stream that ends before its end-of-stream
 * envelope, or inside an envelope, is a {@link EnvdErrors#STREAM_BROKEN} error, never a silent
 * end. Closing it closes the HTTP response, which for {@code Process/Start} leaves the process
 * running (that is how a background process is detached).
 */
final class ConnectStream implements Closeable {

    static final int FLAG_COMPRESSED = 0x01;
    static final int FLAG_END_STREAM = 0x02;
    /** A message larger than this is refused rather than buffered: envd sends at most 32 KiB of output per event. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final Response response;
    private final BufferedSource source;
    private final String sandboxId;
    private final String what;
    private final String notFoundCode;
    private boolean ended;

    ConnectStream(Response response, String sandboxId, String what, String notFoundCode) {
        this.response = response;
        this.source = response.body().source();
        this.sandboxId = sandboxId;
        this.what = what;
        this.notFoundCode = notFoundCode;
    }

    /**
     * The next message, or null once the stream has ended well.
     *
     * @throws VmServiceException the end-of-stream carried an error (typed by its Connect code),
     *         or the stream broke
     * @throws InterruptedIOException the call's deadline passed or it was cancelled
     */
    JsonNode next() throws InterruptedIOException {
        if (ended) {
            return null;
        }
        int flags;
        long length;
        byte[] payload;
        try {
            if (source.exhausted()) {
                throw EnvdErrors.broken(sandboxId, what, "it ended without an end-of-stream message", null);
            }
            flags = source.readByte() & 0xFF;
            if (!source.request(4)) {
                throw EnvdErrors.broken(sandboxId, what, "it was cut inside an envelope header", null);
            }
            length = source.readInt() & 0xFFFFFFFFL;
            if (length > MAX_MESSAGE_BYTES) {
                throw new VmServiceException(ErrorCodes.PROTOCOL_ERROR, "envd of sandbox " + sandboxId + " sent a " + length
                        + "-byte message; the limit is " + MAX_MESSAGE_BYTES, Map.of("sandbox_id", sandboxId), null);
            }
            if (!source.request(length)) {
                throw EnvdErrors.broken(sandboxId, what, "it was cut inside a " + length + "-byte message ("
                        + source.getBuffer().size() + " bytes arrived)", null);
            }
            payload = source.readByteArray(length);
        } catch (SocketTimeoutException e) {
            throw EnvdErrors.broken(sandboxId, what, "nothing arrived within the read timeout, not even a keepalive", e);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (EOFException e) {
            throw EnvdErrors.broken(sandboxId, what, "it ended inside an envelope", e);
        } catch (IOException e) {
            throw EnvdErrors.broken(sandboxId, what, "the connection failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if ((flags & FLAG_COMPRESSED) != 0) {
            throw new VmServiceException(ErrorCodes.PROTOCOL_ERROR, "envd of sandbox " + sandboxId + " sent a compressed message,"
                    + " though no compression was offered", Map.of("sandbox_id", sandboxId), null);
        }
        JsonNode message = Json.tree(payload.length == 0 ? "{}".getBytes() : payload, "stream message");
        if ((flags & FLAG_END_STREAM) != 0) {
            ended = true;
            ConnectError error = ConnectError.fromJson(message.get("error"));
            if (error != null) {
                throw EnvdErrors.toException(error, sandboxId, what, notFoundCode);
            }
            return null;
        }
        return message;
    }

    @Override
    public void close() {
        response.close();
    }
}
