package io.vmservice.image.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmServiceCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path a;
    private Path b;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void fixtures() throws IOException {
        a = copy("1a.png");
        b = copy("1b.png");
    }

    @Test
    void diffPrintsTheCountsAsOneJsonLine() throws IOException {
        int code = run("diff", a.toString(), b.toString(), "--threshold", "0.05");

        assertThat(code).isZero();
        assertThat(out.toString()).endsWith("\n").doesNotContain("\n{");
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("mismatched").asLong()).isEqualTo(143);
        assertThat(json.get("total").asLong()).isEqualTo(512 * 256);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void diffWithIncludeAaAndDefaultThreshold() throws IOException {
        assertThat(run("diff", a.toString(), b.toString(), "--include-aa")).isZero();

        assertThat(JSON.readTree(out.toString()).get("mismatched").asLong()).isEqualTo(167);
    }

    @Test
    void diffWritesTheDiffImage() throws IOException {
        Path diff = temp.resolve("out/diff.png");

        assertThat(run("diff", a.toString(), b.toString(), "--threshold", "0.05", "--diff", diff.toString())).isZero();

        assertThat(JSON.readTree(out.toString()).get("diff").asText()).isEqualTo(diff.toString());
        assertThat(Screenshot.read(diff).samePixels(Screenshot.read(copy("1diff.png")))).isTrue();
    }

    @Test
    void findPrintsTheBestMatchOrAll() throws IOException {
        Screenshot screen = Screenshot.read(a);
        Path template = screen.crop(new Region(200, 40, 60, 40)).savePng(temp.resolve("t.png"));

        assertThat(run("find", a.toString(), template.toString(), "--similarity", "0.95")).isZero();

        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("found").asBoolean()).isTrue();
        JsonNode match = json.get("matches").get(0);
        assertThat(match.get("x").asInt()).isEqualTo(200);
        assertThat(match.get("y").asInt()).isEqualTo(40);
        assertThat(match.get("width").asInt()).isEqualTo(60);
        assertThat(match.get("height").asInt()).isEqualTo(40);
        assertThat(match.get("score").asDouble()).isGreaterThan(0.99);

        out.getBuffer().setLength(0);
        assertThat(run("find", a.toString(), template.toString(), "--all")).isZero();
        assertThat(JSON.readTree(out.toString()).get("matches").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void findWithoutAHitStillRunsAndSaysSo() throws IOException {
        Path template = Screenshot.read(copy("6a.png")).crop(new Region(100, 100, 50, 50)).savePng(temp.resolve("t.png"));

        assertThat(run("find", a.toString(), template.toString())).isZero();

        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("found").asBoolean()).isFalse();
        assertThat(json.get("matches").size()).isZero();
        assertThat(json.get("best").get("score").asDouble()).isLessThan(0.9);
    }

    @Test
    void badInputExitsWithTwoAndAMessageOnStderr() throws IOException {
        assertThat(run("diff", a.toString(), temp.resolve("missing.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read image").contains("missing.png");
        assertThat(out.toString()).isEmpty();

        err.getBuffer().setLength(0);
        assertThat(run("diff", a.toString(), copy("6a.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("images differ in size: expected 512x256, actual 256x256");

        err.getBuffer().setLength(0);
        assertThat(run("diff", a.toString(), b.toString(), "--threshold", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("threshold must be between 0 and 1");

        err.getBuffer().setLength(0);
        assertThat(run("diff", a.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");

        err.getBuffer().setLength(0);
        assertThat(run("find", a.toString(), b.toString(), "--similarity", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("--similarity");

        err.getBuffer().setLength(0);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("name a command: diff, find, ocr, crop, doctor or tree");
    }

    @Test
    void cropCutsTheBoxOutAsATemplateTheFindCommandThenFinds() throws IOException {
        Path template = temp.resolve("templates/box.png");

        assertThat(run("crop", a.toString(), "200", "40", "60", "40", template.toString())).isZero();

        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("out").asText()).isEqualTo(template.toString());
        assertThat(json.get("width").asInt()).isEqualTo(60);
        assertThat(Screenshot.read(template).samePixels(Screenshot.read(a).crop(new Region(200, 40, 60, 40)))).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run("find", a.toString(), template.toString())).isZero();
        assertThat(JSON.readTree(out.toString()).get("matches").get(0).get("x").asInt()).isEqualTo(200);
    }

    @Test
    void aCropOutsideThePictureExitsWithTwoSayingWhy() throws IOException {
        assertThat(run("crop", a.toString(), "500", "40", "60", "40", temp.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("60x40 at (500, 40) is not inside the 512x256 screenshot");
        assertThat(temp.resolve("x.png")).doesNotExist();

        err.getBuffer().setLength(0);
        assertThat(run("crop", a.toString(), "0", "0", "0", "5", temp.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("W and H must be at least 1");
    }

    private int run(String... args) {
        return VmServiceCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path copy(String fixture) throws IOException {
        Path target = temp.resolve(fixture);
        if (!Files.exists(target)) {
            try (InputStream in = getClass().getResourceAsStream("/pixelmatch/" + fixture)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}
