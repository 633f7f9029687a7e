package io.vmservice.image;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Screenshot;
import io.vmservice.settings.VmServiceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where baseline images live and where failure artifacts go, from {@link VmServiceSettings}:
 * <ul>
 *   <li>{@code vmservice.baselines.dir}: {@code src/test/resources/baselines}, relative to the
 *       working directory (the Maven module when run by Surefire);</li>
 *   <li>the expected / actual / diff images of a failed check go to {@code baselines/} under the
 *       run's artifacts root, {@code vmservice.artifacts.dir} ({@code target/vmservice});</li>
 *   <li>{@code vmservice.baselines.update}: {@code false}; {@code true} rewrites baselines that
 *       no longer match;</li>
 *   <li>{@code vmservice.baselines.update.force}: {@code false}; on CI (the environment's
 *       {@code CI=true}) update mode is refused unless this is {@code true}, so that a flag left on
 *       cannot accept every regression.</li>
 * </ul>
 * Each is read as every setting is: environment variable, system property,
 * {@code junit-platform.properties}, default.
 *
 * @param directory          the baseline PNGs, one per name
 * @param artifactsDirectory expected / actual / diff images of failed checks
 * @param update             whether to rewrite baselines instead of failing
 * @param onCi               whether the run is on CI, where update mode needs {@code forced}
 * @param forced             whether update mode was explicitly forced on CI
 */
public record Baselines(Path directory, Path artifactsDirectory, boolean update, boolean onCi, boolean forced) {

    public static final String DIR_PROPERTY = VmServiceSettings.BASELINES_DIR.property();
    /** The run's artifacts root; a failed check's images go to its {@value #ARTIFACTS_FOLDER} folder. */
    public static final String ARTIFACTS_PROPERTY = VmServiceSettings.ARTIFACTS_DIR.property();
    public static final String UPDATE_PROPERTY = VmServiceSettings.BASELINES_UPDATE.property();
    public static final String FORCE_PROPERTY = VmServiceSettings.BASELINES_UPDATE_FORCE.property();
    public static final String FORCE_VARIABLE = VmServiceSettings.BASELINES_UPDATE_FORCE.environmentVariable();
    /** The folder under the artifacts root that holds failed checks' images. */
    public static final String ARTIFACTS_FOLDER = "baselines";

    /** Settings chosen in code: not on CI. */
    public Baselines(Path directory, Path artifactsDirectory, boolean update) {
        this(directory, artifactsDirectory, update, false, false);
    }

    // path segments of letters, digits, dot, dash and underscore; no "..", no absolute paths
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** The settings this process is configured with, read at each call so a test can change them. */
    public static Baselines configured() {
        return from(VmServiceSettings.fromEnvironment());
    }

    /**
     * The old name of {@link #configured()}, which reads the environment and
     * {@code junit-platform.properties} as well as system properties.
     *
     * @deprecated use {@link #configured()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Baselines fromSystemProperties() {
        return configured();
    }

    /** The baselines' part of {@code settings}; whether the run is on CI comes from the environment's {@code CI}. */
    public static Baselines from(VmServiceSettings settings) {
        return new Baselines(settings.get(VmServiceSettings.BASELINES_DIR),
                settings.get(VmServiceSettings.ARTIFACTS_DIR).resolve(ARTIFACTS_FOLDER),
                settings.get(VmServiceSettings.BASELINES_UPDATE),
                "true".equalsIgnoreCase(System.getenv("CI")),
                settings.get(VmServiceSettings.BASELINES_UPDATE_FORCE));
    }

    @CheckReturnValue
    public Baselines withUpdate(boolean enabled) {
        return new Baselines(directory, artifactsDirectory, enabled, onCi, forced);
    }

    /** The same settings as on CI ({@code CI=true}) or not, forced or not. */
    @CheckReturnValue
    public Baselines onCi(boolean ci, boolean force) {
        return new Baselines(directory, artifactsDirectory, update, ci, force);
    }

    /** True when update mode is on but refused: on CI without being forced. */
    public boolean updateRefused() {
        return update && onCi && !forced;
    }

    /** The file of a baseline; {@code name} may have sub-folders ("login/empty-form"), ".png" is added. */
    public Path path(String name) {
        return directory.resolve(fileName(name));
    }

    public Optional<Screenshot> read(String name) {
        Path file = path(name);
        return Files.exists(file) ? Optional.of(Screenshot.read(file)) : Optional.empty();
    }

    /**
     * Writes a baseline and announces it, one line on the console and one attachment in the
     * report: {@code change} says what changed ("new, 245x410", "143 pixels changed").
     */
    public Path write(String name, Screenshot image, String change) {
        Path file = image.savePng(path(name));
        String line = "baseline \"" + name + "\" written: " + change;
        // A rewritten baseline accepts whatever the screen showed: said aloud, whatever the logging.
        System.out.println("vmservice: " + line + " (" + file.toAbsolutePath() + ")");
        return io.vmservice.internal.Artifacts.publish(line, file);
    }

    /** Writes {@code <name>-<kind>.png} under the artifacts directory, e.g. kind "diff". */
    public Path writeArtifact(String name, String kind, Screenshot image) {
        Path file = image.savePng(artifactsDirectory.resolve(checked(name) + "-" + kind + ".png"));
        return io.vmservice.internal.Artifacts.publish(name + ": " + kind, file);
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
