package io.vmservice.provider.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bytes of one output stream not yet claimed by a reply, searchable for the helper's markers. */
final class OutputBuffer {

    /** Output past this is dropped from the front, so a runaway command cannot exhaust the heap. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private byte[] bytes = new byte[256];
    private int size;

    void append(byte[] chunk, int offset, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(chunk, offset, bytes, size, length);
        size += length;
        if (size > MAX_BYTES) {
            // Keeps the tail, where the next marker may be starting.
            discard(size - MAX_BYTES / 2);
        }
    }

    int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= size - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    int indexOf(byte b, int from) {
        for (int i = Math.max(0, from); i < size; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    String text() {
        return text(0, size);
    }

    /** Drops the first {@code count} bytes. */
    void discard(int count) {
        System.arraycopy(bytes, count, bytes, 0, size - count);
        size -= count;
    }

    int size() {
        return size;
    }
}
