package io.vmservice.screen;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes pixels as an 8-bit RGB PNG when every pixel is opaque, RGBA otherwise, with no chunk
 * but IHDR, IDAT and IEND: no gAMA, sRGB or iCCP that another reader could apply, so every
 * decoder, {@link PngDecoder} and pngjs included, reads back exactly the pixels written.
 */
final class PngEncoder {

    private PngEncoder() {
    }

    static byte[] encode(int width, int height, int[] argb) {
        BufferedImage image = opaque(argb) ? rgb(width, height, argb) : rgba(width, height, argb);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG writer (javax.imageio)");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(width * height);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static boolean opaque(int[] argb) {
        for (int pixel : argb) {
            if (pixel >>> 24 != 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static BufferedImage rgb(int width, int height, int[] argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, at = 0; i < argb.length; i++, at += 3) {
            int pixel = argb[i];
            bgr[at] = (byte) pixel;
            bgr[at + 1] = (byte) (pixel >> 8);
            bgr[at + 2] = (byte) (pixel >> 16);
        }
        return image;
    }

    private static BufferedImage rgba(int width, int height, int[] argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        byte[] abgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, at = 0; i < argb.length; i++, at += 4) {
            int pixel = argb[i];
            abgr[at] = (byte) (pixel >>> 24);
            abgr[at + 1] = (byte) pixel;
            abgr[at + 2] = (byte) (pixel >> 8);
            abgr[at + 3] = (byte) (pixel >> 16);
        }
        return image;
    }
}
