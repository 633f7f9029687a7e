package io.vmservice.junit;

import io.vmservice.SandboxConfig;
import io.vmservice.VmServiceClient;
import io.vmservice.desktop.DesktopSettings;
import io.vmservice.desktop.Resolution;
import io.vmservice.exception.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reads the extension's settings. For each key the first of these wins: the {@link Sandbox}
 * annotation, the environment ({@code VMSERVICE_ACTION_TIMEOUT}), a system property
 * ({@code vmservice.action-timeout}), {@code junit-platform.properties}, the default.
 */
final class TestConfiguration {

    static final String TEMPLATE = "template";
    static final String RESOLUTION = "resolution";
    static final String INTERNET = "internet";
    static final String TIMEOUT = "timeout";
    static final String CPU_COUNT = "cpu-count";
    static final String MEMORY_MB = "memory-mb";
    static final String MAX_SANDBOXES = "max-sandboxes";
    static final String SLOT_TIMEOUT = "slot-timeout";
    static final String ACTION_TIMEOUT = "action-timeout";
    static final String ASSERTION_TIMEOUT = "assertion-timeout";
    static final String WINDOW_TIMEOUT = "window-timeout";
    static final String ARTIFACTS_DIR = "artifacts.dir";
    static final String USER = "user";
    static final String PROVIDER = "provider";
    static final String SCREENSHOTS = "screenshots";
    static final String VIDEO = "video";
    static final String VIDEO_FPS = "video.fps";
    static final String TRACE = "trace";
    static final String LOCAL_POOL_SIZE = "local.pool.size";
    static final String LOCAL_REUSE = "local.reuse";

    static final Duration DEFAULT_SLOT_TIMEOUT = Duration.ofMinutes(5);

    private final ExtensionContext context;

    TestConfiguration(ExtensionContext context) {
        this.context = context;
    }

    /** The configured value of a key, without the annotation. */
    Optional<String> get(String key) {
        String env = System.getenv("VMSERVICE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (env != null && !env.isBlank()) {
            return Optional.of(env.trim());
        }
        String property = System.getProperty("vmservice." + key);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        return context.getConfigurationParameter("vmservice." + key).map(String::trim).filter(v -> !v.isEmpty());
    }

    <T> T get(String key, Function<String, T> parse, T fallback) {
        return get(key).map(value -> {
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                throw new InvalidInputException("configuration vmservice." + key + " = \"" + value + "\" is not valid: "
                        + e.getMessage(), e);
            }
        }).orElse(fallback);
    }

    SandboxConfig sandboxConfig(Sandbox annotation) {
        SandboxConfig.Builder config = SandboxConfig.builder()
                .template(pick(annotation == null ? "" : annotation.template(), get(TEMPLATE, s -> s, "desktop")))
                .resolution(Resolution.parse(pick(annotation == null ? "" : annotation.resolution(),
                        get(RESOLUTION, s -> s, Resolution.DEFAULT.toString()))))
                .timeout(annotation != null && annotation.timeoutSeconds() > 0
                        ? Duration.ofSeconds(annotation.timeoutSeconds()) : get(TIMEOUT, TestConfiguration::duration, Duration.ofMinutes(10)))
                .cpuCount(annotation != null && annotation.cpuCount() > 0 ? annotation.cpuCount() : get(CPU_COUNT, Integer::valueOf, 2))
                .memoryMb(annotation != null && annotation.memoryMb() > 0 ? annotation.memoryMb() : get(MEMORY_MB, Integer::valueOf, 2048));
        Sandbox.Internet internet = annotation == null ? Sandbox.Internet.DEFAULT : annotation.internet();
        config.allowInternetAccess(internet == Sandbox.Internet.DEFAULT ? get(INTERNET, Boolean::valueOf, true)
                : internet == Sandbox.Internet.ON);
        return config.build();
    }

    DesktopSettings desktopSettings() {
        DesktopSettings d = DesktopSettings.DEFAULTS;
        return d.withActionTimeout(get(ACTION_TIMEOUT, TestConfiguration::duration, d.actionTimeout()))
                .withAssertionTimeout(get(ASSERTION_TIMEOUT, TestConfiguration::duration, d.assertionTimeout()))
                .withWindowTimeout(get(WINDOW_TIMEOUT, TestConfiguration::duration, d.windowTimeout()));
    }

    int maxSandboxes() {
        return get(MAX_SANDBOXES, Integer::valueOf, 8);
    }

    /**
     * How long a test waits for a sandbox slot when {@code max-sandboxes} are in use, first come
     * first served; 5 minutes unless configured (Selenium Grid's new-session queue waits as long);
     * {@code 0s} fails at once.
     */
    Duration slotTimeout() {
        Duration timeout = get(SLOT_TIMEOUT, TestConfiguration::duration, DEFAULT_SLOT_TIMEOUT);
        if (timeout.isNegative() || timeout.compareTo(VmServiceClient.MAX_SLOT_TIMEOUT) > 0) {
            throw new InvalidInputException("configuration vmservice.slot-timeout = " + timeout + " must be between 0s"
                    + " (fail at once) and " + VmServiceClient.MAX_SLOT_TIMEOUT.toHours() + "h");
        }
        return timeout;
    }

    /** {@code always}: every test's final screen goes to the report; {@code on-failure} (default): only failures'. */
    boolean screenshotsAlways() {
        String value = get(SCREENSHOTS, s -> s, "on-failure");
        if (!value.equals("always") && !value.equals("on-failure")) {
            throw new InvalidInputException("configuration vmservice.screenshots = \"" + value + "\" must be always or on-failure");
        }
        return value.equals("always");
    }

    /** Which tests keep a video of their sandboxes' screens; {@code on-failure} unless configured. */
    Retention video() {
        return get(VIDEO, Retention::parse, Retention.ON_FAILURE);
    }

    VideoSettings videoSettings() {
        return new VideoSettings(get(VIDEO_FPS, Integer::valueOf, VideoSettings.DEFAULTS.framesPerSecond()),
                VideoSettings.DEFAULTS.queuedFrames());
    }

    /** Which tests keep a picture of each step in the report; {@code on-failure} unless configured. */
    Retention trace() {
        return get(TRACE, Retention::parse, Retention.ON_FAILURE);
    }

    /** {@code local} or {@code e2b}. */
    String provider() {
        return get(PROVIDER, s -> s, "local");
    }

    /** Warm sandboxes the local provider keeps per kind; 0 (none) unless configured. */
    int localPoolSize() {
        return get(LOCAL_POOL_SIZE, Integer::valueOf, 0);
    }

    /** Used desktops the local provider restores and keeps per kind and user; 0 (none) unless configured. */
    int localReuse() {
        return get(LOCAL_REUSE, Integer::valueOf, 0);
    }

    String user() {
        return get(USER, s -> s, "junit");
    }

    Path artifactsDir() {
        return get(ARTIFACTS_DIR, Path::of, Path.of("target", "vmservice"));
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or ISO-8601 such as {@code PT30S}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static String pick(String fromAnnotation, String configured) {
        return fromAnnotation == null || fromAnnotation.isEmpty() ? configured : fromAnnotation;
    }
}
