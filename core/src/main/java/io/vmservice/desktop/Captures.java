package io.vmservice.desktop;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.internal.Artifacts;
import io.vmservice.screen.Screenshot;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Pictures a test saves on purpose, to cut templates and baselines from: the picture itself and
 * a copy with a coordinate grid, announced on the console and in the report.
 */
final class Captures {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private Captures() {
    }

    static Path save(Screenshot picture, Path directory, String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("capture name \"" + name + "\" must be letters, digits, '.', '-' or '_'");
        }
        Path plain = Artifacts.publish("capture " + name, picture.savePng(directory.resolve(name + ".png")));
        Path grid = Artifacts.publish("capture " + name + " with a grid",
                CoordinateGrid.draw(picture).savePng(directory.resolve(name + "-grid.png")));
        // Asked for by the test's author, who is looking for the file: printed whatever the logging.
        // scripts/vmservice exists only in the framework's repository: a project that depends on
        // the artifacts runs the same command line from its test class path.
        System.out.printf("vmservice: captured %s (%dx%d) to %s, with a %d px grid in %s;"
                        + " cut a template with: vmservice crop %s X Y W H src/test/resources/NAME.png"
                        + " (vmservice: scripts/vmservice in the framework's repository, or java -cp <test class path>"
                        + " io.vmservice.image.cli.VmServiceCli; see the README's \"Capturing templates\")%n",
                what, picture.width(), picture.height(), plain.toAbsolutePath(), CoordinateGrid.STEP,
                grid.toAbsolutePath(), plain.toAbsolutePath());
        return plain;
    }
}
