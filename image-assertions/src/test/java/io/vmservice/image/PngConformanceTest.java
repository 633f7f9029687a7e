package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PNG of the matrix decodes to the RGBA bytes pngjs 7 gives for it, and diffs of such
 * files count what pixelmatch 7.2 counts: pngjs and pixelmatch run on Node in the same test.
 *
 * <p>The matrix is PngSuite (every colour type and bit depth, interlaced or not, gAMA, cHRM,
 * sBIT, tRNS, odd sizes, filters, and its corrupt files) and files written by ImageMagick,
 * netpbm, optipng, pngcrush and byte by byte in Python (iCCP, sRGB, 16-bit tRNS, every 16-bit
 * value); see {@code src/test/resources/png/PROVENANCE.txt}.
 */
class PngConformanceTest {

    private static final Path PNG = resourceDirectory("/png");
    /**
     * PngSuite's file without IDAT: pngjs filters rows out of a buffer no data was inflated into,
     * so it gives pixels or "Unrecognised filter type" from run to run; libpng refuses the file.
     */
    private static final String NO_IMAGE_DATA = "pngsuite/xdtn0g01.png";
    private static final Map<String, JsonNode> PNGJS = new HashMap<>();

    @BeforeAll
    static void decodeTheMatrixWithPngjs() {
        List<Path> files = matrix().map(arguments -> PNG.resolve((String) arguments.get()[0])).toList();
        for (JsonNode decoded : PngReference.decode(files)) {
            PNGJS.put(PNG.relativize(Path.of(decoded.get("file").asText())).toString(), decoded);
        }
        assertThat(PNGJS).hasSize(files.size());
    }

    static Stream<Arguments> matrix() {
        try (Stream<Path> files = Files.walk(PNG)) {
            return files.filter(file -> file.toString().endsWith(".png"))
                    .map(file -> Arguments.of(PNG.relativize(file).toString())).sorted((a, b) ->
                            ((String) a.get()[0]).compareTo((String) b.get()[0])).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void decodesToPngjsBytesOrFailsWherePngjsFails(String name) throws IOException {
        byte[] file = Files.readAllBytes(PNG.resolve(name));
        JsonNode pngjs = PNGJS.get(name);
        if (name.equals(NO_IMAGE_DATA)) {
            assertThatThrownBy(() -> Screenshot.fromPng(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no IDAT");
            return;
        }
        if (pngjs.has("error")) {
            assertThatThrownBy(() -> Screenshot.fromPng(file))
                    .as("pngjs refuses %s (%s)", name, pngjs.get("error").asText())
                    .isInstanceOf(InvalidInputException.class);
            return;
        }
        Screenshot decoded = Screenshot.fromPng(file);
        assertThat(decoded.width()).isEqualTo(pngjs.get("width").asInt());
        assertThat(decoded.height()).isEqualTo(pngjs.get("height").asInt());
        byte[] expected = Base64.getDecoder().decode(pngjs.get("rgba").asText());
        byte[] actual = rgba(decoded);
        int first = Arrays.mismatch(actual, expected);
        assertThat(first).as("%s: first differing byte %d (pixel %d): ours %s, pngjs %s", name, first, first / 4,
                first < 0 ? "" : pixel(actual, first / 4), first < 0 ? "" : pixel(expected, first / 4)).isNegative();
    }

    @Test
    void theMatrixHoldsEveryFormatAndTheColourChunks() throws IOException {
        Set<String> formats = new TreeSet<>();
        Set<String> chunks = new TreeSet<>();
        for (String name : PNGJS.keySet()) {
            if (PNGJS.get(name).has("error") || name.equals(NO_IMAGE_DATA)) {
                continue;
            }
            ByteBuffer png = ByteBuffer.wrap(Files.readAllBytes(PNG.resolve(name)));
            png.position(16);
            png.getInt();
            png.getInt();
            int depth = png.get();
            int colourType = png.get();
            png.position(28);
            formats.add("type " + colourType + " depth " + depth + (png.get() == 1 ? " interlaced" : ""));
            png.position(8);
            while (png.remaining() >= 12) {
                int length = png.getInt();
                byte[] type = new byte[4];
                png.get(type);
                String chunk = new String(type, StandardCharsets.US_ASCII);
                chunks.add(chunk.equals("tRNS") ? chunk + " type " + colourType : chunk);
                png.position(png.position() + length + 4);
            }
        }
        List<String> every = new ArrayList<>();
        int[][] depths = {{0, 1, 2, 4, 8, 16}, {2, 8, 16}, {3, 1, 2, 4, 8}, {4, 8, 16}, {6, 8, 16}};
        for (int[] type : depths) {
            for (int i = 1; i < type.length; i++) {
                every.add("type " + type[0] + " depth " + type[i]);
                every.add("type " + type[0] + " depth " + type[i] + " interlaced");
            }
        }
        assertThat(formats).containsAll(every);
        assertThat(chunks).contains("gAMA", "sRGB", "iCCP", "cHRM", "sBIT", "tRNS type 0", "tRNS type 2", "tRNS type 3");
    }

    /** The case: two pictures of text that ImageMagick saved as 8-bit grey PNGs. */
    @Test
    void diffsOfGreyTextPicturesCountWhatPixelmatchCounts() {
        assertSameDiffAsPixelmatch("text/a.png", "text/b.png",
                "{}", "{\"threshold\":0.1}", "{\"threshold\":0}", "{\"threshold\":0.1,\"includeAA\":true}");
    }

    @Test
    void diffsAcrossBitDepthsAndColourTypesCountWhatPixelmatchCounts() {
        assertSameDiffAsPixelmatch("generated/im-gray8.png", "generated/im-gray4.png", "{}", "{\"threshold\":0}");
        assertSameDiffAsPixelmatch("generated/im-gray16.png", "generated/im-gray8.png", "{\"threshold\":0}");
        assertSameDiffAsPixelmatch("generated/im-rgb16.png", "generated/im-rgb8.png", "{\"threshold\":0}");
        assertSameDiffAsPixelmatch("generated/im-rgba16-interlaced.png", "generated/im-rgba8.png",
                "{\"threshold\":0,\"includeAA\":true}");
        assertSameDiffAsPixelmatch("generated/im-palette8-alpha.png", "generated/pngcrush-palette8-alpha.png",
                "{\"threshold\":0}");
    }

    @Test
    void writtenPngsReadBackAsTheSamePixelsHereAndInPngjs(@TempDir Path temp) throws IOException {
        Screenshot opaque = TestScreens.desktop(800, 600, 5);
        int[] pixels = new int[64 * 48];
        Random random = new Random(17);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt();
        }
        pixels[0] = 0x00123456;
        Screenshot translucent = Screenshot.ofPixels(64, 48, pixels);
        List<Path> written = List.of(opaque.savePng(temp.resolve("opaque.png")),
                translucent.savePng(temp.resolve("translucent.png")));

        List<JsonNode> pngjs = PngReference.decode(written);

        Screenshot[] images = {opaque, translucent};
        for (int i = 0; i < images.length; i++) {
            assertThat(Screenshot.read(written.get(i)).samePixels(images[i])).isTrue();
            assertThat(Base64.getDecoder().decode(pngjs.get(i).get("rgba").asText()))
                    .as("pngjs's decode of %s", written.get(i)).isEqualTo(rgba(images[i]));
        }
    }

    private static void assertSameDiffAsPixelmatch(String a, String b, String... optionSets) {
        List<JsonNode> pixelmatch = PngReference.diff(PNG.resolve(a), PNG.resolve(b), List.of(optionSets));
        Screenshot imageA = Screenshot.read(PNG.resolve(a));
        Screenshot imageB = Screenshot.read(PNG.resolve(b));
        for (int i = 0; i < optionSets.length; i++) {
            DiffResult ours = ImageDiff.compare(imageA, imageB, PixelmatchConformanceTest.options(optionSets[i]).build());
            assertThat(ours.mismatched()).as("%s vs %s %s", a, b, optionSets[i])
                    .isEqualTo(pixelmatch.get(i).get("mismatched").asLong());
            assertThat(rgba(ours.diffImage().orElseThrow())).as("diff image of %s vs %s %s", a, b, optionSets[i])
                    .isEqualTo(Base64.getDecoder().decode(pixelmatch.get(i).get("diff").asText()));
        }
    }

    private static byte[] rgba(Screenshot image) {
        int[] argb = new int[image.width() * image.height()];
        image.pixels().get(argb);
        byte[] out = new byte[argb.length * 4];
        for (int i = 0; i < argb.length; i++) {
            out[4 * i] = (byte) (argb[i] >> 16);
            out[4 * i + 1] = (byte) (argb[i] >> 8);
            out[4 * i + 2] = (byte) argb[i];
            out[4 * i + 3] = (byte) (argb[i] >>> 24);
        }
        return out;
    }

    private static String pixel(byte[] rgba, int index) {
        return String.format("rgba(%d,%d,%d,%d)", rgba[4 * index] & 0xFF, rgba[4 * index + 1] & 0xFF,
                rgba[4 * index + 2] & 0xFF, rgba[4 * index + 3] & 0xFF);
    }

    private static Path resourceDirectory(String name) {
        try {
            return Path.of(PngConformanceTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
