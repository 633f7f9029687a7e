package io.vmservice.image.cli;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crop SCREEN X Y W H OUT}: cuts a template (or a baseline) out of a saved screen. */
@Command(name = "crop", mixinStandardHelpOptions = true,
        description = "Cut the box X Y W H out of a picture (e.g. a capture) into a new PNG; prints one JSON line.")
final class CropCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCREEN", description = "the picture to cut from (PNG)")
    private Path screen;

    @Parameters(index = "1", paramLabel = "X", description = "left edge, pixels from the picture's left")
    private int x;

    @Parameters(index = "2", paramLabel = "Y", description = "top edge, pixels from the picture's top")
    private int y;

    @Parameters(index = "3", paramLabel = "W", description = "width in pixels")
    private int width;

    @Parameters(index = "4", paramLabel = "H", description = "height in pixels")
    private int height;

    @Parameters(index = "5", paramLabel = "OUT.png", description = "where to write the cut picture (folders are made)")
    private Path out;

    @Override
    public Integer call() {
        if (width < 1 || height < 1) {
            throw new InvalidInputException("W and H must be at least 1, got " + width + "x" + height);
        }
        Screenshot picture = Screenshot.read(screen);
        Region box = new Region(x, y, width, height);
        Screenshot cut = picture.crop(box);
        Map<String, Object> json = new LinkedHashMap<>(Json.region(box));
        json.put("out", cut.savePng(out).toString());
        spec.commandLine().getOut().println(Json.line(json));
        return 0;
    }
}
