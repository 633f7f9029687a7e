package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes Connect envelopes ({@code [flags][length, 4 bytes big-endian][JSON]}) to a streaming
 * response, flushing so each write is its own HTTP chunk; in byte-by-byte mode every single byte
 * is, so the client sees envelopes split at every possible point.
 */
final class EnvelopeWriter {

    static final int END_STREAM = 0x02;

    private final OutputStream out;
    private final boolean byteByByte;

    EnvelopeWriter(OutputStream out, boolean byteByByte) {
        this.out = out;
        this.byteByByte = byteByByte;
    }

    static byte[] envelope(int flags, JsonNode message) throws IOException {
        byte[] json = Exchanges.JSON.writeValueAsBytes(message);
        return ByteBuffer.allocate(5 + json.length).put((byte) flags).putInt(json.length).put(json).array();
    }

    synchronized void write(int flags, JsonNode message) throws IOException {
        writeRaw(envelope(flags, message));
    }

    synchronized void writeRaw(byte[] bytes) throws IOException {
        if (!byteByByte) {
            out.write(bytes);
            out.flush();
            return;
        }
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
    }
}
