package io.vmservice.screen;

import io.vmservice.exception.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The chunks of a PNG file, checked before any pixel is decoded: the header, the palette with
 * its transparency, the transparent colour, and where the compressed image data lies.
 *
 * <p>A file is accepted as pngjs 7 accepts it (signature, CRC of every chunk, IHDR first,
 * IEND last with nothing after it, no unknown critical chunk, tRNS after PLTE and no longer
 * than it), and its size is checked against {@link Screenshot#MAX_PIXELS} before anything
 * is inflated, so a small file claiming a huge image costs no memory.
 */
final class PngFile {

    static final int GREY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GREY_ALPHA = 4;
    static final int RGBA = 6;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int TRNS = 0x74524E53;
    private static final byte[] IEND_CHUNK = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private final int width;
    private final int height;
    private final int bitDepth;
    private final int colourType;
    private final boolean interlaced;
    private final int[] palette;
    private final int[] transparentColour;
    private final byte[] sampleStream;

    private PngFile(ChunkWalk read) {
        this.width = read.width;
        this.height = read.height;
        this.bitDepth = read.bitDepth;
        this.colourType = read.colourType;
        this.interlaced = read.interlaced;
        this.palette = Arrays.copyOf(read.palette, read.paletteSize);
        this.transparentColour = read.transparentColour;
        this.sampleStream = read.sampleStream();
    }

    static boolean hasSignature(byte[] data) {
        return data.length >= SIGNATURE.length
                && Arrays.equals(data, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /** Reads and checks every chunk; a file pngjs would refuse is an {@link InvalidInputException}. */
    static PngFile parse(byte[] data) {
        if (!hasSignature(data)) {
            throw new InvalidInputException("not a PNG image (" + data.length + " bytes): it does not start with"
                    + " the PNG signature");
        }
        ChunkWalk read = new ChunkWalk(data);
        ByteBuffer in = ByteBuffer.wrap(data);
        in.position(SIGNATURE.length);
        while (!read.ended) {
            if (in.remaining() < 8) {
                throw read.corrupt("it ends before its IEND chunk: the file was cut short");
            }
            int at = in.position();
            long length = Integer.toUnsignedLong(in.getInt());
            int type = in.getInt();
            if (length > in.remaining() - 4L) {
                throw read.corrupt("it ends inside chunk " + name(type) + " at byte " + at
                        + ": the file was cut short");
            }
            int start = in.position();
            int end = start + (int) length;
            checkCrc(read, data, at, end, type);
            read.chunk(type, at, start, end);
            in.position(end + 4);
        }
        if (in.hasRemaining()) {
            throw read.corrupt(in.remaining() + " bytes follow its IEND chunk");
        }
        if (read.imageData.isEmpty()) {
            throw read.corrupt("it has no IDAT chunk, so no pixels");
        }
        return new PngFile(read);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int bitDepth() {
        return bitDepth;
    }

    int colourType() {
        return colourType;
    }

    boolean interlaced() {
        return interlaced;
    }

    /** The palette as {@code 0xAARRGGBB}, alpha from tRNS; empty when the file has none. */
    int[] palette() {
        return palette;
    }

    /** The stored grey or red, green, blue samples that tRNS makes transparent; null when none. */
    int[] transparentColour() {
        return transparentColour;
    }

    /**
     * The file with only the chunks that hold samples: signature, IHDR, IDAT, IEND. A palette
     * image is declared grey of the same bit depth, so a reader gives its indices as they are
     * stored; no chunk is left that could make a reader convert colours.
     */
    byte[] sampleStream() {
        return sampleStream;
    }

    private static void checkCrc(ChunkWalk read, byte[] data, int at, int end, int type) {
        CRC32 crc = new CRC32();
        crc.update(data, at + 4, end - at - 4);
        int stored = ByteBuffer.wrap(data, end, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw read.corrupt("chunk " + name(type) + " at byte " + at + " fails its CRC check: the file is damaged");
        }
    }

    private static String name(int type) {
        return isName(type) ? new String(ByteBuffer.allocate(4).putInt(type).array(), StandardCharsets.US_ASCII)
                : String.format("0x%08X", type);
    }

    /** Chunk types are four ASCII letters; the case of each letter is a flag. */
    private static boolean isName(int type) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int letter = (type >>> shift) & 0xDF;
            if (letter < 'A' || letter > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** The state of one walk through the chunks. */
    private static final class ChunkWalk {
        private final byte[] data;
        private int width;
        private int height;
        private int bitDepth;
        private int colourType;
        private boolean interlaced;
        private boolean headerRead;
        private boolean ended;
        private int[] palette = new int[0];
        private int paletteSize;
        private int[] transparentColour;
        private final List<int[]> imageData = new ArrayList<>();

        ChunkWalk(byte[] data) {
            this.data = data;
        }

        void chunk(int type, int at, int start, int end) {
            if (!headerRead && type != IHDR) {
                throw corrupt("its first chunk is " + name(type) + ", not IHDR");
            }
            switch (type) {
                case IHDR -> header(start, end);
                case PLTE -> palette(start, end);
                case TRNS -> transparency(start, end);
                case IDAT -> {
                    if (colourType == PALETTE && paletteSize == 0) {
                        throw corrupt("its image data comes before the palette it needs (PLTE)");
                    }
                    imageData.add(new int[] {at, end + 4});
                }
                case IEND -> ended = true;
                default -> {
                    if (!isName(type)) {
                        throw corrupt("chunk type " + name(type) + " at byte " + at + " is not four letters");
                    }
                    if ((type & 0x20000000) == 0) {
                        throw corrupt("it needs chunk " + name(type) + " to be read, which the PNG standard does not"
                                + " define");
                    }
                }
            }
        }

        private void header(int start, int end) {
            if (headerRead) {
                throw corrupt("it has a second IHDR chunk");
            }
            if (end - start != 13) {
                throw corrupt("its IHDR chunk holds " + (end - start) + " bytes instead of 13");
            }
            ByteBuffer ihdr = ByteBuffer.wrap(data, start, 13);
            long w = Integer.toUnsignedLong(ihdr.getInt());
            long h = Integer.toUnsignedLong(ihdr.getInt());
            bitDepth = ihdr.get() & 0xFF;
            colourType = ihdr.get() & 0xFF;
            int compression = ihdr.get();
            int filter = ihdr.get();
            int interlace = ihdr.get();
            if (w == 0 || h == 0) {
                throw corrupt("its size is " + w + "x" + h);
            }
            if (w * h > Screenshot.MAX_PIXELS) {
                throw new InvalidInputException("PNG image of " + w + "x" + h + " pixels (" + data.length
                        + " bytes) is larger than the " + Screenshot.MAX_PIXELS + " pixels (8K UHD) a screenshot may"
                        + " have; crop or scale it first");
            }
            if (!validDepth(colourType, bitDepth)) {
                throw corrupt("colour type " + colourType + " with bit depth " + bitDepth + " is not a PNG format");
            }
            if (compression != 0 || filter != 0 || (interlace != 0 && interlace != 1)) {
                throw corrupt("compression " + compression + ", filter " + filter + " or interlace method " + interlace
                        + " is not one the PNG standard defines");
            }
            width = (int) w;
            height = (int) h;
            interlaced = interlace == 1;
            headerRead = true;
        }

        private static boolean validDepth(int colourType, int bitDepth) {
            return switch (colourType) {
                case GREY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
                case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
                case RGB, GREY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
                default -> false;
            };
        }

        /** Entries add up over PLTE chunks, as in pngjs; a trailing partial entry is dropped. */
        private void palette(int start, int end) {
            int entries = (end - start) / 3;
            palette = Arrays.copyOf(palette, paletteSize + entries);
            for (int i = 0; i < entries; i++) {
                int p = start + 3 * i;
                palette[paletteSize++] = 0xFF000000 | (data[p] & 0xFF) << 16 | (data[p + 1] & 0xFF) << 8
                        | (data[p + 2] & 0xFF);
            }
        }

        private void transparency(int start, int end) {
            int length = end - start;
            switch (colourType) {
                case PALETTE -> {
                    if (paletteSize == 0) {
                        throw corrupt("its transparency (tRNS) comes before the palette (PLTE)");
                    }
                    if (length > paletteSize) {
                        throw corrupt("its transparency (tRNS) has " + length + " entries for a palette of "
                                + paletteSize);
                    }
                    for (int i = 0; i < length; i++) {
                        palette[i] = (data[start + i] & 0xFF) << 24 | (palette[i] & 0xFFFFFF);
                    }
                }
                case GREY -> transparentColour = samples(start, length, 1);
                case RGB -> transparentColour = samples(start, length, 3);
                default -> {
                    // grey+alpha and RGBA carry their own alpha; pngjs ignores tRNS there
                }
            }
        }

        private int[] samples(int start, int length, int count) {
            if (length < 2 * count) {
                throw corrupt("its transparent colour (tRNS) holds " + length + " bytes instead of " + 2 * count);
            }
            int[] values = new int[count];
            ByteBuffer in = ByteBuffer.wrap(data, start, 2 * count);
            for (int i = 0; i < count; i++) {
                values[i] = in.getShort() & 0xFFFF;
            }
            return values;
        }

        byte[] sampleStream() {
            int size = SIGNATURE.length + 25 + IEND_CHUNK.length;
            for (int[] chunk : imageData) {
                size += chunk[1] - chunk[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            out.writeBytes(SIGNATURE);
            ByteBuffer ihdr = ByteBuffer.allocate(25).putInt(13).putInt(IHDR).putInt(width).putInt(height)
                    .put((byte) bitDepth).put((byte) (colourType == PALETTE ? GREY : colourType))
                    .put((byte) 0).put((byte) 0).put((byte) (interlaced ? 1 : 0));
            CRC32 crc = new CRC32();
            crc.update(ihdr.array(), 4, 17);
            out.writeBytes(ihdr.putInt((int) crc.getValue()).array());
            for (int[] chunk : imageData) {
                out.write(data, chunk[0], chunk[1] - chunk[0]);
            }
            out.writeBytes(IEND_CHUNK);
            return out.toByteArray();
        }

        InvalidInputException corrupt(String what) {
            return new InvalidInputException("corrupt PNG image (" + data.length + " bytes): " + what
                    + "; save or copy the image again");
        }
    }
}
