package io.vmservice.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNG decoding gives the stored samples as pngjs turns them into RGBA, refuses broken and
 * oversized files with an {@link InvalidInputException} within bounded memory, and PNG
 * encoding writes RGB or RGBA files that read back exactly. PngConformanceTest (image-assertions)
 * compares the decoding with pngjs itself over PngSuite and files of several tools.
 */
class ScreenshotPngTest {

    @Test
    void eightBitGreyKeepsItsStoredValues() {
        byte[] png = PngBytes.header(3, 1, 8, 0).rows(new byte[] {0, (byte) 128, (byte) 255}).end();

        Screenshot grey = Screenshot.fromPng(png);

        assertThat(grey.argb(0, 0)).isEqualTo(0xFF000000);
        assertThat(grey.argb(1, 0)).as("ImageIO's getRGB gives 0xFFBCBCBC here").isEqualTo(0xFF808080);
        assertThat(grey.argb(2, 0)).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void sixteenBitSamplesRoundToEightBitsAsPngjsDoes() {
        byte[] png = PngBytes.header(3, 1, 16, 0).rows(new byte[] {0x12, (byte) 0xFF, 0x12, 0x00, (byte) 0xFF, 0x00})
                .end();

        Screenshot grey = Screenshot.fromPng(png);

        assertThat(grey.argb(0, 0)).as("0x12FF / 257 = 18.9: 19, where the high byte is 18").isEqualTo(0xFF131313);
        assertThat(grey.argb(1, 0)).isEqualTo(0xFF121212);
        assertThat(grey.argb(2, 0)).as("0xFF00 / 257 = 254, where the high byte is 255").isEqualTo(0xFFFEFEFE);
    }

    @Test
    void colourChunksChangeNoPixel() {
        byte[] linear = PngBytes.header(1, 1, 8, 2).chunk("gAMA", ByteBuffer.allocate(4).putInt(100000).array())
                .chunk("sRGB", new byte[] {0}).rows(new byte[] {(byte) 200, 100, 50}).end();

        assertThat(Screenshot.fromPng(linear).argb(0, 0)).isEqualTo(0xFFC86432);
    }

    @Test
    void theTransparentColourBecomesTransparentBlackAsInPngjs() {
        byte[] png = PngBytes.header(2, 1, 8, 2).chunk("tRNS", new byte[] {0, 10, 0, 20, 0, 30})
                .rows(new byte[] {10, 20, 30, 10, 20, 31}).end();

        Screenshot image = Screenshot.fromPng(png);

        assertThat(image.argb(0, 0)).isEqualTo(0);
        assertThat(image.argb(1, 0)).isEqualTo(0xFF0A141F);
    }

    @Test
    void paletteEntriesTakeTheirAlphaFromTrns() {
        byte[] png = PngBytes.header(3, 1, 2, 3).chunk("PLTE", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                .chunk("tRNS", new byte[] {0x40}).rows(new byte[] {(byte) 0b00_01_10_00}).end();

        Screenshot image = Screenshot.fromPng(png);

        assertThat(image.argb(0, 0)).isEqualTo(0x40010203);
        assertThat(image.argb(1, 0)).isEqualTo(0xFF040506);
        assertThat(image.argb(2, 0)).isEqualTo(0xFF070809);
    }

    @Test
    void aPixelOutsideItsPaletteIsRefused() {
        byte[] png = PngBytes.header(1, 1, 8, 3).chunk("PLTE", new byte[] {1, 2, 3}).rows(new byte[] {1}).end();

        assertThatThrownBy(() -> Screenshot.fromPng(png)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("colour 1 of a palette of 1");
    }

    @Test
    void brokenFilesGetATypedErrorSayingWhatIsWrong() {
        byte[] good = PngBytes.header(4, 2, 8, 6).rows(new byte[16], new byte[16]).end();
        assertThat(Screenshot.fromPng(good).width()).isEqualTo(4);
        byte[] flipped = good.clone();
        flipped[40] ^= 0x10;
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        byte[] unknownCritical = PngBytes.header(4, 2, 8, 6).chunk("XYZW", new byte[2]).rows(new byte[16], new byte[16])
                .end();
        byte[] noPalette = PngBytes.header(1, 1, 8, 3).rows(new byte[1]).end();
        byte[] trnsTooLong = PngBytes.header(1, 1, 8, 3).chunk("PLTE", new byte[3]).chunk("tRNS", new byte[2])
                .rows(new byte[1]).end();
        byte[] badFilter = PngBytes.header(1, 1, 8, 0).scanlines(new byte[] {7, 0}).end();
        byte[] rgbDepth4 = PngBytes.header(1, 1, 4, 2).rows(new byte[2]).end();

        assertError(flipped, "fails its CRC check");
        assertError(trailing, "3 bytes follow its IEND chunk");
        assertError(unknownCritical, "XYZW");
        assertError(noPalette, "before the palette");
        assertError(trnsTooLong, "2 entries for a palette of 1");
        assertError(badFilter, "cannot be decoded");
        assertError(rgbDepth4, "colour type 2 with bit depth 4");
        assertError(PngBytes.header(4, 2, 8, 6).end(), "no IDAT");
        assertError(PngBytes.header(4, 2, 8, 6).rows(new byte[16], new byte[16]).withoutEnd(), "cut short");
        assertError("definitely not an image".getBytes(StandardCharsets.UTF_8), "not a readable image");
        assertError(new byte[0], "not a readable image");
    }

    @Test
    void aFileCutAnywhereGetsATypedError() {
        byte[] png = Screenshot.ofPixels(40, 30, randomPixels(40 * 30, 7, false)).toPng();
        for (int length = 8; length < png.length; length++) {
            byte[] cut = Arrays.copyOf(png, length);
            assertThatThrownBy(() -> Screenshot.fromPng(cut)).as("cut at %d of %d bytes", length, png.length)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aSmallFileClaimingAHugeImageIsRefusedBeforeItIsInflated() {
        // 1-bit grey 100000x100000 (1.25 GB of rows), its first 128 MB in 600 kB of deflated zeros
        byte[] bomb = PngBytes.header(100_000, 100_000, 1, 0).zeros(128L << 20).end();
        assertThat(bomb.length).isLessThan(1 << 20);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> Screenshot.fromPng(bomb)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("100000x100000").hasMessageContaining("crop or scale it first");

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated while refusing it")
                .isLessThan(1 << 20);
    }

    @Test
    void anImageFileLargerThanAnyImageMayBeIsRefusedUnread(@TempDir Path temp) throws IOException {
        Path huge = temp.resolve("huge.png");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Screenshot.MAX_FILE_BYTES + 1);
        }

        assertThatThrownBy(() -> Screenshot.read(huge)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("crop or scale it first");
    }

    @Test
    void opaquePixelsAreWrittenAsRgbAndReadBackExactly() {
        Screenshot image = Screenshot.ofPixels(97, 31, randomPixels(97 * 31, 3, false));

        byte[] png = image.toPng();

        assertThat(png[25]).as("colour type").isEqualTo((byte) 2);
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 8);
        assertThat(PngBytes.chunkTypes(png)).containsOnly("IHDR", "IDAT", "IEND");
        assertThat(Screenshot.fromPng(png).samePixels(image)).isTrue();
    }

    @Test
    void translucentPixelsAreWrittenAsRgbaAndReadBackExactly() {
        int[] pixels = randomPixels(64 * 20, 4, true);
        pixels[0] = 0x00ABCDEF;
        Screenshot image = Screenshot.ofPixels(64, 20, pixels);

        byte[] png = image.toPng();

        assertThat(png[25]).as("colour type").isEqualTo((byte) 6);
        assertThat(PngBytes.chunkTypes(png)).containsOnly("IHDR", "IDAT", "IEND");
        Screenshot back = Screenshot.fromPng(png);
        assertThat(back.samePixels(image)).isTrue();
        assertThat(back.argb(0, 0)).as("colour kept under alpha 0").isEqualTo(0x00ABCDEF);
    }

    @Test
    void otherFormatsImageIoReadsStillDecode() throws IOException {
        BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0xFF0000);
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(image, "bmp", bmp);

        Screenshot decoded = Screenshot.fromPng(bmp.toByteArray());

        assertThat(decoded.argb(2, 1)).isEqualTo(0xFFFF0000);
    }

    private static void assertError(byte[] file, String message) {
        assertThatThrownBy(() -> Screenshot.fromPng(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    private static int[] randomPixels(int count, long seed, boolean translucent) {
        Random random = new Random(seed);
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i] = translucent ? random.nextInt() : 0xFF000000 | random.nextInt(1 << 24);
        }
        return pixels;
    }
}
