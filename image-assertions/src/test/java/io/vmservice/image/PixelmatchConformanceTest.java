package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case pixelmatch 7.2 tests itself with, and more counts taken from running it: the same
 * mismatch count, and for pixelmatch's own cases a diff image identical to the last byte.
 */
class PixelmatchConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> pixelmatchCases() {
        return rows("pixelmatch-cases.tsv");
    }

    static Stream<Arguments> pixelmatchVariants() {
        return rows("pixelmatch-variants-v7.2.0.tsv");
    }

    @ParameterizedTest(name = "{0} vs {1} {3} -> {4}")
    @MethodSource("pixelmatchCases")
    void reproducesCountAndDiffImage(String a, String b, String diff, String json, long expected) {
        DiffResult result = ImageDiff.compare(fixture(a), fixture(b), options(json).build());

        assertThat(result.mismatched()).isEqualTo(expected);
        Screenshot expectedDiff = fixture(diff);
        Screenshot actualDiff = result.diffImage().orElseThrow();
        assertThat(actualDiff.samePixels(expectedDiff))
                .as("diff image of %s vs %s equals %s (first difference at pixel %d)", a, b, diff,
                        firstDifference(actualDiff, expectedDiff))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} vs {1} {3} -> {4}")
    @MethodSource("pixelmatchCases")
    void countsTheSameWithoutDrawing(String a, String b, String diff, String json, long expected) {
        DiffResult result = ImageDiff.compare(fixture(a), fixture(b), options(json).drawDiffImage(false).build());

        assertThat(result.mismatched()).isEqualTo(expected);
        assertThat(result.diffImage()).isEmpty();
    }

    @ParameterizedTest(name = "{0} vs {1} {3} -> {4}")
    @MethodSource("pixelmatchVariants")
    void reproducesVariantCounts(String a, String b, String diff, String json, long expected) {
        DiffResult result = ImageDiff.compare(fixture(a), fixture(b), options(json).drawDiffImage(false).build());

        assertThat(result.mismatched()).isEqualTo(expected);
    }

    private static int firstDifference(Screenshot one, Screenshot other) {
        int[] a = new int[one.width() * one.height()];
        int[] b = new int[other.width() * other.height()];
        one.pixels().get(a);
        other.pixels().get(b);
        return Arrays.mismatch(a, b);
    }

    static DiffOptions.Builder options(String json) {
        DiffOptions.Builder builder = DiffOptions.builder();
        try {
            JsonNode node = JSON.readTree(json);
            if (node.has("threshold")) {
                builder.threshold(node.get("threshold").asDouble());
            }
            if (node.has("includeAA")) {
                builder.includeAntiAliasing(node.get("includeAA").asBoolean());
            }
            if (node.has("alpha")) {
                builder.alpha(node.get("alpha").asDouble());
            }
            if (node.has("diffMask")) {
                builder.diffMask(node.get("diffMask").asBoolean());
            }
            if (node.has("checkerboard")) {
                builder.checkerboard(node.get("checkerboard").asBoolean());
            }
            if (node.has("aaColor")) {
                JsonNode c = node.get("aaColor");
                builder.antiAliasingColor(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt());
            }
            if (node.has("diffColor")) {
                JsonNode c = node.get("diffColor");
                builder.diffColor(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt());
            }
            if (node.has("diffColorAlt")) {
                JsonNode c = node.get("diffColorAlt");
                builder.diffColorAlt(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt());
            }
            return builder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Screenshot fixture(String name) {
        try (InputStream in = PixelmatchConformanceTest.class.getResourceAsStream("/pixelmatch/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return Screenshot.fromPng(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Arguments> rows(String tsv) {
        try (InputStream in = PixelmatchConformanceTest.class.getResourceAsStream("/pixelmatch/" + tsv)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().skip(1).filter(line -> !line.isBlank()).map(line -> {
                String[] f = line.split("\t", -1);
                return Arguments.of(f[0], f[1], f[2], f[3], Long.parseLong(f[4]));
            }).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
