package io.vmservice.provider.local;

import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads the screen straight from the file Xvfb keeps its framebuffer in ({@code -fbdir}), an
 * XWD image that the server updates in place. No X round trip and no PNG encoding: one read of
 * the pixel bytes and one pass to pack them.
 */
final class Framebuffer {

    private static final int XWD_HEADER_WORDS = 25;
    private static final int ZPIXMAP = 2;

    private final Path file;

    Framebuffer(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    Screenshot read() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] headerBytes = new byte[XWD_HEADER_WORDS * 4];
            raf.readFully(headerBytes);
            Header h = Header.parse(ByteBuffer.wrap(headerBytes).order(ByteOrder.BIG_ENDIAN));
            byte[] data = new byte[h.bytesPerLine * h.height];
            raf.seek(h.pixelOffset());
            raf.readFully(data);
            return Screenshot.ofPixels(h.width, h.height, pack(h, data));
        }
    }

    private static int[] pack(Header h, byte[] data) {
        int[] argb = new int[h.width * h.height];
        ByteBuffer bytes = ByteBuffer.wrap(data).order(h.littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int shiftR = Integer.numberOfTrailingZeros(h.redMask);
        int shiftG = Integer.numberOfTrailingZeros(h.greenMask);
        int shiftB = Integer.numberOfTrailingZeros(h.blueMask);
        boolean standard = h.redMask == 0xFF0000 && h.greenMask == 0xFF00 && h.blueMask == 0xFF;
        for (int y = 0; y < h.height; y++) {
            int row = y * h.bytesPerLine;
            int base = y * h.width;
            for (int x = 0; x < h.width; x++) {
                int p = bytes.getInt(row + x * 4);
                argb[base + x] = standard ? 0xFF000000 | p
                        : 0xFF000000 | ((p & h.redMask) >>> shiftR) << 16
                        | ((p & h.greenMask) >>> shiftG) << 8 | ((p & h.blueMask) >>> shiftB);
            }
        }
        return argb;
    }

    /** The fields of an XWD header that locate and decode a 32-bit TrueColor ZPixmap. */
    private record Header(int headerSize, int width, int height, int bytesPerLine, int colormapEntries,
                          boolean littleEndian, int redMask, int greenMask, int blueMask) {

        static Header parse(ByteBuffer b) throws IOException {
            int headerSize = b.getInt(0);
            int format = b.getInt(8);
            int width = b.getInt(16);
            int height = b.getInt(20);
            int byteOrder = b.getInt(28);
            int bitsPerPixel = b.getInt(44);
            int bytesPerLine = b.getInt(48);
            int redMask = b.getInt(56);
            int greenMask = b.getInt(60);
            int blueMask = b.getInt(64);
            int ncolors = b.getInt(76);
            if (format != ZPIXMAP || bitsPerPixel != 32 || width <= 0 || height <= 0) {
                throw new IOException("unsupported framebuffer: format " + format + ", " + bitsPerPixel
                        + " bits per pixel, " + width + "x" + height + " (expected a 24-bit Xvfb screen)");
            }
            return new Header(headerSize, width, height, bytesPerLine, ncolors, byteOrder == 0,
                    redMask, greenMask, blueMask);
        }

        long pixelOffset() {
            return headerSize + 12L * colormapEntries;
        }
    }
}
