package io.vmservice.image.cli;

import io.vmservice.image.text.OcrEngine;
import io.vmservice.image.text.ScreenText;
import io.vmservice.image.text.TextLine;
import io.vmservice.image.text.Word;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ocr SCREEN}: the words on a screenshot with their boxes. */
@Command(name = "ocr", mixinStandardHelpOptions = true,
        description = "Read the text on a screenshot (Tesseract); prints one JSON line with the lines and words and their boxes.")
final class OcrCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCREEN", description = "the screenshot (PNG)")
    private Path screen;

    @Option(names = "--language", paramLabel = "LANG", defaultValue = OcrEngine.ENGLISH,
            description = "Tesseract language, e.g. deu (default ${DEFAULT-VALUE}); needs Debian's tesseract-ocr-LANG")
    private String language;

    @Option(names = "--region", split = ",", paramLabel = "X,Y,W,H", description = "read only inside this rectangle")
    private int[] region;

    @Override
    public Integer call() {
        Screenshot image = Screenshot.read(screen);
        Region area = image.bounds();
        if (region != null) {
            if (region.length != 4) {
                throw new io.vmservice.exception.InvalidInputException("--region takes X,Y,W,H, got " + region.length + " numbers");
            }
            area = Region.of(region[0], region[1], region[2], region[3]);
        }
        ScreenText read;
        try (OcrEngine engine = OcrEngine.open(language)) {
            read = engine.read(image, area);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", read.text());
        json.put("lines", read.lines().stream().map(OcrCommand::line).toList());
        json.put("words", read.words().stream().map(OcrCommand::word).toList());
        spec.commandLine().getOut().println(Json.line(json));
        return 0;
    }

    private static Map<String, Object> line(TextLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", line.text());
        json.putAll(Json.region(line.box()));
        json.put("confidence", Math.round(line.confidence() * 10) / 10.0);
        return json;
    }

    private static Map<String, Object> word(Word word) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", word.text());
        json.putAll(Json.region(word.box()));
        json.put("confidence", Math.round(word.confidence() * 10) / 10.0);
        return json;
    }

}
