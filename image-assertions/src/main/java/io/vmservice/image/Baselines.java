package io.vmservice.image;

import io.vmservice.desktop.Screenshot;
import io.vmservice.exception.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where baseline images live and where failure artifacts go.
 *
 * <p>Defaults, each overridable by a system property:
 * <ul>
 *   <li>{@code vmservice.baselines.dir}: {@code src/test/resources/baselines}, relative to the
 *       working directory (the Maven module when run by Surefire);</li>
 *   <li>{@code vmservice.artifacts.dir}: {@code target/vmservice/baselines};</li>
 *   <li>{@code vmservice.baselines.update}: {@code false}; {@code true} rewrites baselines that
 *       no longer match.</li>
 * </ul>
 *
 * @param directory          the baseline PNGs, one per name
 * @param artifactsDirectory expected / actual / diff images of failed checks
 * @param update             whether to rewrite baselines instead of failing
 */
public record Baselines(Path directory, Path artifactsDirectory, boolean update) {

    public static final String DIR_PROPERTY = "vmservice.baselines.dir";
    public static final String ARTIFACTS_PROPERTY = "vmservice.artifacts.dir";
    public static final String UPDATE_PROPERTY = "vmservice.baselines.update";

    // path segments of letters, digits, dot, dash and underscore; no "..", no absolute paths
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** The settings the system properties give, read at each call so a test can change them. */
    public static Baselines fromSystemProperties() {
        return new Baselines(
                Path.of(System.getProperty(DIR_PROPERTY, "src/test/resources/baselines")),
                Path.of(System.getProperty(ARTIFACTS_PROPERTY, "target/vmservice/baselines")),
                Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false")));
    }

    public Baselines withUpdate(boolean enabled) {
        return new Baselines(directory, artifactsDirectory, enabled);
    }

    /** The file of a baseline; {@code name} may have sub-folders ("login/empty-form"), ".png" is added. */
    public Path path(String name) {
        return directory.resolve(fileName(name));
    }

    public Optional<Screenshot> read(String name) {
        Path file = path(name);
        return Files.exists(file) ? Optional.of(Screenshot.read(file)) : Optional.empty();
    }

    public Path write(String name, Screenshot image) {
        return image.savePng(path(name));
    }

    /** Writes {@code <name>-<kind>.png} under the artifacts directory, e.g. kind "diff". */
    public Path writeArtifact(String name, String kind, Screenshot image) {
        Path file = image.savePng(artifactsDirectory.resolve(checked(name) + "-" + kind + ".png"));
        return io.vmservice.desktop.Artifacts.publish(name + ": " + kind, file);
    }

    private static String fileName(String name) {
        return checked(name) + ".png";
    }

    private static String checked(String name) {
        String bare = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        if (!NAME.matcher(bare).matches() || bare.contains("..")) {
            throw new InvalidInputException("baseline name \"" + name + "\" must be letters, digits, '.', '-', '_'"
                    + " in '/'-separated folders, without '..'");
        }
        return bare;
    }
}
