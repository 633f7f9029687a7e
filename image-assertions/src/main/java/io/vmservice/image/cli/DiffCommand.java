package io.vmservice.image.cli;

import io.vmservice.image.DiffOptions;
import io.vmservice.image.DiffResult;
import io.vmservice.image.ImageDiff;
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

/** {@code diff A B}: the pixelmatch-compatible perceptual diff of two PNGs. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Count the pixels that differ between two images of the same size; prints one JSON line.")
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the expected image (PNG)")
    private Path expected;

    @Parameters(index = "1", paramLabel = "B", description = "the actual image (PNG)")
    private Path actual;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.1",
            description = "0..1, how far a colour may move and still match (default ${DEFAULT-VALUE})")
    private double threshold;

    @Option(names = "--include-aa", description = "count anti-aliased pixels as differences")
    private boolean includeAntiAliasing;

    @Option(names = "--diff", paramLabel = "OUT.png", description = "write the diff image here")
    private Path diffOut;

    @Override
    public Integer call() {
        DiffOptions options = DiffOptions.builder().threshold(threshold).includeAntiAliasing(includeAntiAliasing)
                .drawDiffImage(diffOut != null).build();
        DiffResult result = ImageDiff.compare(Screenshot.read(expected), Screenshot.read(actual), options);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mismatched", result.mismatched());
        json.put("total", result.total());
        json.put("ratio", result.ratio());
        json.put("width", result.width());
        json.put("height", result.height());
        json.put("changedArea", result.changedArea().map(Json::region).orElse(null));
        if (diffOut != null) {
            json.put("diff", result.diffImage().orElseThrow().savePng(diffOut).toString());
        }
        spec.commandLine().getOut().println(Json.line(json));
        return 0;
    }
}
