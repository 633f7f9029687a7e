package io.vmservice.screen;

import io.vmservice.exception.InvalidInputException;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a PNG to the 8-bit RGBA that pngjs 7 gives, so that diffs, templates and baselines
 * see the pixels pixelmatch sees.
 *
 * <p>The JDK's own PNG reader does the decoding (inflate, row filters, interlacing): it is
 * maintained with the JDK, already on every class path, and reads every colour type and bit
 * depth. The libraries were weighed against it: PNGJ has had no release since 2015, Apache
 * Commons Imaging applies iCCP profiles and gAMA, and TwelveMonkeys leaves PNG to this same
 * reader. It is asked only for the stored samples, the raster, never for colours: {@code getRGB}
 * reads 8-bit grey as linear light and brightens it. It is handed a stream holding no chunk but
 * IHDR, IDAT and IEND ({@link PngFile#sampleStream()}), and the samples are turned into colours
 * here, by pngjs's rules: grey is copied to red, green and blue; a sample of another depth
 * becomes {@code round(v * 255 / (2^depth - 1))} (so 16 bits round rather than keep the high
 * byte); palette entries take tRNS's alpha; a pixel of tRNS's transparent colour becomes
 * {@code 0x00000000}; gAMA, cHRM, sRGB, iCCP and sBIT change nothing.
 */
final class PngDecoder {

    private PngDecoder() {
    }

    static Screenshot decode(byte[] png) {
        PngFile file = PngFile.parse(png);
        Raster samples = storedSamples(file, png.length);
        int width = file.width();
        int[] argb = new int[width * file.height()];
        if (isEightBitColour(file) && interleavedBytes(samples) != null) {
            eightBitColour(samples, argb);
        } else {
            int[] row = new int[width * samples.getNumBands()];
            for (int y = 0; y < file.height(); y++) {
                readRow(samples, y, row);
                toArgb(file, row, argb, y * width, png.length);
            }
        }
        return Screenshot.ofPixels(width, file.height(), argb);
    }

    private static Raster storedSamples(PngFile file, int size) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG reader (javax.imageio)");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file.sampleStream()))) {
            reader.setInput(in, true, true);
            return reader.read(0).getRaster();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("corrupt PNG image (" + size + " bytes): its image data cannot be"
                    + " decoded (" + e.getMessage() + "); save or copy the image again", e);
        } finally {
            reader.dispose();
        }
    }

    /** Screens are mostly 8-bit RGB or RGBA without tRNS: their samples are their colours. */
    private static boolean isEightBitColour(PngFile file) {
        return file.bitDepth() == 8 && file.transparentColour() == null
                && (file.colourType() == PngFile.RGB || file.colourType() == PngFile.RGBA);
    }

    /** The sample layout of a raster whose samples lie in one array from its start; else null. */
    private static ComponentSampleModel interleavedBytes(Raster raster) {
        DataBuffer buffer = raster.getDataBuffer();
        return raster.getSampleModel() instanceof ComponentSampleModel model && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0 && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 ? model : null;
    }

    private static void eightBitColour(Raster raster, int[] argb) {
        ComponentSampleModel model = interleavedBytes(raster);
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] bands = model.getBandOffsets();
        int red = bands[0];
        int green = bands[1];
        int blue = bands[2];
        int alpha = bands.length == 4 ? bands[3] : -1;
        int stride = model.getPixelStride();
        int width = raster.getWidth();
        for (int y = 0, i = 0; y < raster.getHeight(); y++) {
            for (int x = 0, at = y * model.getScanlineStride(); x < width; x++, i++, at += stride) {
                int a = alpha < 0 ? 0xFF : data[at + alpha] & 0xFF;
                argb[i] = a << 24 | (data[at + red] & 0xFF) << 16 | (data[at + green] & 0xFF) << 8
                        | (data[at + blue] & 0xFF);
            }
        }
    }

    /** Row {@code y}'s samples, band by band for each pixel, as stored in the file. */
    private static void readRow(Raster raster, int y, int[] row) {
        DataBuffer buffer = raster.getDataBuffer();
        ComponentSampleModel model = interleavedBytes(raster);
        if (model != null) {
            int[] bandOffsets = model.getBandOffsets();
            int bands = bandOffsets.length;
            int stride = model.getPixelStride();
            int width = raster.getWidth();
            int start = y * model.getScanlineStride();
            if (buffer instanceof DataBufferByte bytes) {
                byte[] data = bytes.getData();
                for (int b = 0; b < bands; b++) {
                    for (int x = 0, at = start + bandOffsets[b]; x < width; x++, at += stride) {
                        row[x * bands + b] = data[at] & 0xFF;
                    }
                }
                return;
            }
            if (buffer instanceof DataBufferUShort shorts) {
                short[] data = shorts.getData();
                for (int b = 0; b < bands; b++) {
                    for (int x = 0, at = start + bandOffsets[b]; x < width; x++, at += stride) {
                        row[x * bands + b] = data[at] & 0xFFFF;
                    }
                }
                return;
            }
        }
        raster.getPixels(0, y, raster.getWidth(), 1, row);
    }

    private static void toArgb(PngFile file, int[] row, int[] argb, int offset, int size) {
        int width = file.width();
        int depth = file.bitDepth();
        int[] clear = file.transparentColour();
        switch (file.colourType()) {
            case PngFile.GREY -> {
                for (int x = 0; x < width; x++) {
                    int v = row[x];
                    argb[offset + x] = clear != null && v == clear[0] ? 0 : 0xFF000000 | grey(scale(v, depth));
                }
            }
            case PngFile.RGB -> {
                for (int x = 0, i = 0; x < width; x++, i += 3) {
                    int r = row[i];
                    int g = row[i + 1];
                    int b = row[i + 2];
                    argb[offset + x] = clear != null && r == clear[0] && g == clear[1] && b == clear[2] ? 0
                            : 0xFF000000 | scale(r, depth) << 16 | scale(g, depth) << 8 | scale(b, depth);
                }
            }
            case PngFile.PALETTE -> {
                int[] palette = file.palette();
                for (int x = 0; x < width; x++) {
                    int index = row[x];
                    if (index >= palette.length) {
                        throw new InvalidInputException("corrupt PNG image (" + size + " bytes): a pixel uses colour "
                                + index + " of a palette of " + palette.length + "; save or copy the image again");
                    }
                    argb[offset + x] = palette[index];
                }
            }
            case PngFile.GREY_ALPHA -> {
                for (int x = 0, i = 0; x < width; x++, i += 2) {
                    argb[offset + x] = scale(row[i + 1], depth) << 24 | grey(scale(row[i], depth));
                }
            }
            default -> {
                for (int x = 0, i = 0; x < width; x++, i += 4) {
                    argb[offset + x] = scale(row[i + 3], depth) << 24 | scale(row[i], depth) << 16
                            | scale(row[i + 1], depth) << 8 | scale(row[i + 2], depth);
                }
            }
        }
    }

    private static int grey(int v) {
        return v << 16 | v << 8 | v;
    }

    /** pngjs's {@code Math.floor(v * 255 / (2^depth - 1) + 0.5)}, in integers. */
    private static int scale(int sample, int depth) {
        return switch (depth) {
            case 8 -> sample;
            case 16 -> (sample + 128) / 257;
            default -> sample * 255 / ((1 << depth) - 1);
        };
    }
}
