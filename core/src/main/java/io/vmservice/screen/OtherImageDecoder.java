package io.vmservice.screen;

import io.vmservice.exception.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes the formats other than PNG that ImageIO reads (JPEG, GIF, BMP), with ImageIO's own
 * colour conversion; the size is checked against {@link Screenshot#MAX_PIXELS} before decoding.
 */
final class OtherImageDecoder {

    private OtherImageDecoder() {
    }

    static Screenshot decode(byte[] encoded) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("not a readable image (" + encoded.length
                        + " bytes); expected PNG data");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > Screenshot.MAX_PIXELS) {
                    throw new InvalidInputException(reader.getFormatName() + " image of " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " pixels is larger than the " + Screenshot.MAX_PIXELS
                            + " pixels (8K UHD) a screenshot may have; crop or scale it first");
                }
                return Screenshot.of(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("corrupt image (" + encoded.length + " bytes): " + e.getMessage(), e);
        }
    }
}
