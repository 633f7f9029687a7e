package io.vmservice.screen;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** PNG files put together chunk by chunk, for cases no encoder writes on purpose. */
final class PngBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PngBytes() {
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    }

    static PngBytes header(long width, long height, int bitDepth, int colourType) {
        return new PngBytes().chunk("IHDR", ByteBuffer.allocate(13).putInt((int) width).putInt((int) height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
    }

    PngBytes chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return this;
    }

    /** Rows given as their bytes, each written with filter type 0. */
    PngBytes rows(byte[]... rows) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            raw.write(0);
            raw.writeBytes(row);
        }
        return scanlines(raw.toByteArray());
    }

    /** Scanlines as they are before deflating, filter type bytes included. */
    PngBytes scanlines(byte[] raw) {
        return chunk("IDAT", deflate(raw));
    }

    /** {@code count} zero bytes deflated: a few kilobytes that inflate to {@code count}. */
    PngBytes zeros(long count) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        byte[] block = new byte[1 << 16];
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (long left = count; left > 0; left -= block.length) {
            deflater.setInput(block, 0, (int) Math.min(block.length, left));
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return chunk("IDAT", compressed.toByteArray());
    }

    byte[] end() {
        chunk("IEND", new byte[0]);
        return out.toByteArray();
    }

    byte[] withoutEnd() {
        return out.toByteArray();
    }

    /** The chunk types of a PNG file in order. */
    static List<String> chunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            types.add(new String(type, StandardCharsets.US_ASCII));
            in.position(in.position() + length + 4);
        }
        return types;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }
}
