package io.vmservice.image.cli;

import io.vmservice.image.Template;
import io.vmservice.image.TemplateMatcher;
import io.vmservice.image.text.Text;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code find SCREEN TEMPLATE} or {@code find SCREEN --text WORDS}: where an image or words are on a screenshot. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Find a template image (or, with --text, words read by OCR) on a screenshot;"
                + " prints one JSON line with the matches.")
final class FindCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCREEN", description = "the screenshot (PNG)")
    private Path screen;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEMPLATE",
            description = "the image to look for (PNG; transparent pixels are ignored)")
    private Path template;

    @Option(names = "--text", paramLabel = "WORDS",
            description = "look for these words instead of an image (case and spacing ignored, one slip in ten characters forgiven)")
    private String text;

    @Option(names = "--exact", description = "with --text: every character as given, punctuation and case included")
    private boolean exact;

    @Option(names = "--similarity", paramLabel = "S", defaultValue = "0.9",
            description = "0..1, the score a place needs to match (default ${DEFAULT-VALUE})")
    private double similarity;

    @Option(names = "--all", description = "list every match, not only the best")
    private boolean all;

    @Option(names = "--color", description = "compare colours, not only brightness")
    private boolean colour;

    @Option(names = "--scales", split = ",", paramLabel = "F", description = "also try the template resized by these factors, e.g. 1,1.25,1.5")
    private double[] scales;

    @Override
    public Integer call() {
        if ((template == null) == (text == null)) {
            throw new ParameterException(spec.commandLine(), "name either a TEMPLATE image or --text WORDS");
        }
        if (text != null) {
            Text words = exact ? Text.of(text).exact().ignoringCase(false) : Text.of(text);
            return print(words.search(Screenshot.read(screen)));
        }
        Template target = Template.fromFile(template).similarity(similarity);
        if (colour) {
            target = target.inColor();
        }
        if (scales != null) {
            target = target.atScales(scales);
        }
        return print(TemplateMatcher.search(Screenshot.read(screen), target));
    }

    private int print(SearchResult result) {
        List<Map<String, Object>> matches = result.matches().stream()
                .limit(all ? Long.MAX_VALUE : 1).map(Json::match).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("found", result.found());
        json.put("matches", matches);
        json.put("best", result.best().map(Json::match).orElse(null));
        json.put("similarity", result.threshold());
        spec.commandLine().getOut().println(Json.line(json));
        return 0;
    }
}
