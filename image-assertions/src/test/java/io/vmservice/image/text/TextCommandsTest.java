package io.vmservice.image.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.image.cli.VmServiceCli;
import io.vmservice.screen.Region;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmservice ocr} and {@code vmservice find --text} on a drawn screen. */
class TextCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TextScreens DRAWN = new TextScreens(600, 200)
            .label("Your basket: 3 lemons", 20, 40, 11).button("Place order", 20, 80, 10);

    @TempDir
    Path temp;

    private Path screen;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void screen() {
        screen = DRAWN.screen().savePng(temp.resolve("screen.png"));
    }

    @Test
    void ocrPrintsLinesAndWordsWithBoxes() throws Exception {
        assertThat(run("ocr", screen.toString())).isZero();

        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("text").asText()).isEqualTo("Your basket: 3 lemons\nPlace order");
        assertThat(json.get("words")).hasSize(6);
        JsonNode place = json.get("words").get(4);
        assertThat(place.get("text").asText()).isEqualTo("Place");
        assertThat(place.get("confidence").asDouble()).isBetween(0.0, 100.0);
        Region box = Region.of(place.get("x").asInt(), place.get("y").asInt(), place.get("width").asInt(),
                place.get("height").asInt());
        assertThat(DRAWN.labels().get(1).ink().contains(box.center())).isTrue();
    }

    @Test
    void findTextPrintsTheImageFindShapePlusTheText() throws Exception {
        assertThat(run("find", screen.toString(), "--text", "place order")).isZero();

        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("found").asBoolean()).isTrue();
        JsonNode match = json.get("matches").get(0);
        assertThat(match.get("text").asText()).isEqualTo("Place order");
        assertThat(match.get("score").asDouble()).isEqualTo(1.0);
        Region box = Region.of(match.get("x").asInt(), match.get("y").asInt(), match.get("width").asInt(),
                match.get("height").asInt());
        assertThat(box.overlap(DRAWN.labels().get(1).ink())).isGreaterThan(0.8);

        out.getBuffer().setLength(0);
        assertThat(run("find", screen.toString(), "--text", "Checkout")).isZero();
        assertThat(JSON.readTree(out.toString()).get("found").asBoolean()).isFalse();
    }

    @Test
    void badInputExitsWithTwo() {
        assertThat(run("find", screen.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("either a TEMPLATE image or --text");
        assertThat(run("ocr", screen.toString(), "--language", "tlh")).isEqualTo(2);
        assertThat(err.toString()).contains("apt-get install tesseract-ocr-tlh");
        assertThat(run("ocr", temp.resolve("missing.png").toString())).isEqualTo(2);
    }

    private int run(String... args) {
        return VmServiceCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }
}
