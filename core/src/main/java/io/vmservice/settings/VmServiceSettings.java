package io.vmservice.settings;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Resolution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Every setting the SDK reads, with its one default, resolved once: the JUnit extension resolves
 * it once per run, and the client builder, {@link io.vmservice.sandbox.SandboxConfig}, the local provider and the
 * image baselines take their defaults from the keys here.
 *
 * <p>For each key the first of these wins: the environment variable ({@code VMSERVICE_MAX_SANDBOXES}),
 * the system property ({@code vmservice.max-sandboxes}), the configuration parameters given (JUnit's,
 * which include {@code junit-platform.properties}), the default. A {@code @Sandbox} attribute, where
 * one exists, wins over all of them for its sandbox.
 */
public final class VmServiceSettings {

    /** The longest wait for a sandbox slot a run may ask for: a day, past any CI job's limit. */
    public static final Duration MAX_SLOT_TIMEOUT = Duration.ofHours(24);

    /** Template of a sandbox: {@code desktop} (xfce4) or {@code minimal} (openbox). */
    public static final Key<String> TEMPLATE = Key.of("template", "desktop", Key::plain, String::valueOf);
    /** Screen size of a sandbox. */
    public static final Key<Resolution> RESOLUTION = Key.of("resolution", Resolution.DEFAULT, Resolution::parse,
            Resolution::toString);
    /** Whether a sandbox can reach the network. */
    public static final Key<Boolean> INTERNET = Key.of("internet", true, Key::bool, String::valueOf);
    /** How long a sandbox lives; past it, it is destroyed. E2B's default, as in the seed. */
    public static final Key<Duration> TIMEOUT = Key.of("timeout", Duration.ofMinutes(5), Key::duration,
            Key::durationText);
    /** CPUs of a sandbox. */
    public static final Key<Integer> CPU_COUNT = Key.of("cpu-count", 2, Key::integer, String::valueOf);
    /** Memory of a sandbox in MB. */
    public static final Key<Integer> MEMORY_MB = Key.of("memory-mb", 2048, Key::integer, String::valueOf);
    /** Sandboxes alive at once: a client's {@code maxConcurrentSandboxes}, a test run's limit; the seed's default. */
    public static final Key<Integer> MAX_SANDBOXES = Key.of("max-sandboxes", 10, text -> Key.atLeast(text, 1),
            String::valueOf);
    /** How long a test run's create waits for a slot; a client built in code waits only when told to. */
    public static final Key<Duration> SLOT_TIMEOUT = Key.of("slot-timeout", Duration.ofMinutes(5), Key::slotTimeout,
            Key::durationText);
    /**
     * How long a sandbox's desktop may take to boot, on either provider; raise it where the
     * machine (or an E2B template) boots desktops slowly.
     */
    public static final Key<Duration> BOOT_TIMEOUT = Key.of("boot-timeout", Duration.ofSeconds(60), Key::duration,
            Key::durationText);
    /** How long a locator waits for its target. */
    public static final Key<Duration> ACTION_TIMEOUT = Key.of("action-timeout", Duration.ofSeconds(10),
            Key::duration, Key::durationText);
    /** How long {@code eventually()} assertions retry. */
    public static final Key<Duration> ASSERTION_TIMEOUT = Key.of("assertion-timeout", Duration.ofSeconds(5),
            Key::duration, Key::durationText);
    /** How long {@code waitForWindow} and {@code window} wait. */
    public static final Key<Duration> WINDOW_TIMEOUT = Key.of("window-timeout", Duration.ofSeconds(30),
            Key::duration, Key::durationText);
    /** The root of everything a run writes: per-test folders and the baselines' diff images. */
    public static final Key<Path> ARTIFACTS_DIR = Key.of("artifacts.dir", Path.of("target", "vmservice"), Path::of,
            Key::pathText);
    /** Where sandboxes come from: {@code local} or {@code e2b}. */
    public static final Key<String> PROVIDER = Key.of("provider", "local", text -> Key.oneOf(text, "local", "e2b"),
            String::valueOf);
    /** The user id a test run's sandboxes are created for. */
    public static final Key<String> USER = Key.of("user", "junit", Key::plain, String::valueOf);
    /** Which tests' final screens go into the report: {@code on-failure} or {@code always}. */
    public static final Key<String> SCREENSHOTS = Key.of("screenshots", "on-failure",
            text -> Key.oneOf(text, "on-failure", "always"), String::valueOf);
    /** Which tests keep a video of each sandbox's screen: {@code off}, {@code on-failure} or {@code always}. */
    public static final Key<String> VIDEO = Key.of("video", "on-failure", Key::retention, String::valueOf);
    /** Frames per second a video samples the screen at. */
    public static final Key<Integer> VIDEO_FPS = Key.of("video.fps", 10, text -> Key.between(text, 1, 60),
            String::valueOf);
    /** Which tests keep a picture of each step: {@code off}, {@code on-failure} or {@code always}. */
    public static final Key<String> TRACE = Key.of("trace", "on-failure", Key::retention, String::valueOf);
    /** Warm sandboxes the local provider keeps per kind. */
    public static final Key<Integer> LOCAL_POOL_SIZE = Key.of("local.pool.size", 0, text -> Key.atLeast(text, 0),
            String::valueOf);
    /** Used desktops the local provider restores and keeps per kind and user. */
    public static final Key<Integer> LOCAL_REUSE = Key.of("local.reuse", 0, text -> Key.atLeast(text, 0),
            String::valueOf);
    /** Where image baselines live. */
    public static final Key<Path> BASELINES_DIR = Key.of("baselines.dir", Path.of("src", "test", "resources", "baselines"),
            Path::of, Key::pathText);
    /** Whether baselines are rewritten instead of failing. */
    public static final Key<Boolean> BASELINES_UPDATE = Key.of("baselines.update", false, Key::bool, String::valueOf);
    /** Whether update mode is allowed on CI too. */
    public static final Key<Boolean> BASELINES_UPDATE_FORCE = Key.of("baselines.update.force", false, Key::bool,
            String::valueOf);

    private static final List<Key<?>> KEYS = List.of(TEMPLATE, RESOLUTION, INTERNET, TIMEOUT, CPU_COUNT, MEMORY_MB,
            MAX_SANDBOXES, SLOT_TIMEOUT, BOOT_TIMEOUT, ACTION_TIMEOUT, ASSERTION_TIMEOUT, WINDOW_TIMEOUT, ARTIFACTS_DIR, PROVIDER,
            USER, SCREENSHOTS, VIDEO, VIDEO_FPS, TRACE, LOCAL_POOL_SIZE, LOCAL_REUSE, BASELINES_DIR, BASELINES_UPDATE,
            BASELINES_UPDATE_FORCE);

    private static final VmServiceSettings DEFAULTS = new VmServiceSettings(Map.of(), Map.of());

    private final Map<Key<?>, Object> values;
    private final Map<Key<?>, String> sources;

    private VmServiceSettings(Map<Key<?>, Object> values, Map<Key<?>, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /** Every key, in the order of the README's table. */
    public static List<Key<?>> keys() {
        return KEYS;
    }

    /** The defaults alone, whatever the environment says. */
    public static VmServiceSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The settings of this process: its environment, its system properties, and the
     * {@code junit-platform.properties} on the class path; read at each call.
     */
    public static VmServiceSettings fromEnvironment() {
        Properties file = platformProperties();
        return resolve(System.getenv(), System.getProperties(), name -> Optional.ofNullable(file.getProperty(name)));
    }

    /** The settings of this process, with {@code parameters} (JUnit's configuration parameters) third. */
    public static VmServiceSettings resolve(Function<String, Optional<String>> parameters) {
        return resolve(System.getenv(), System.getProperties(), parameters);
    }

    /**
     * The settings from the given sources, the first that sets a key winning.
     *
     * @throws InvalidInputException naming the key, the value and where it came from when a value is not valid
     */
    public static VmServiceSettings resolve(Map<String, String> environment, Properties systemProperties,
                                            Function<String, Optional<String>> parameters) {
        Map<Key<?>, Object> values = new LinkedHashMap<>();
        Map<Key<?>, String> sources = new LinkedHashMap<>();
        for (Key<?> key : KEYS) {
            Optional<Found> found = Found.of(environment.get(key.environmentVariable()),
                            "environment variable " + key.environmentVariable())
                    .or(() -> Found.of(systemProperties.getProperty(key.property()), "system property " + key.property()))
                    .or(() -> parameters.apply(key.property())
                            .flatMap(value -> Found.of(value, "configuration parameter " + key.property())));
            found.ifPresent(f -> {
                values.put(key, key.parse(f.value(), f.source()));
                sources.put(key, f.source());
            });
        }
        return new VmServiceSettings(Map.copyOf(values), Map.copyOf(sources));
    }

    /** The key's value: the configured one, else its default. */
    public <T> T get(Key<T> key) {
        Object value = values.get(key);
        return value == null ? key.defaultValue() : key.type(value);
    }

    /** Where the key's value came from ("system property vmservice.max-sandboxes", "default"), for messages. */
    public String source(Key<?> key) {
        return sources.getOrDefault(key, "default");
    }

    /** The key's value as one writes it in a property: {@code 5m}, {@code target/vmservice}. */
    public String text(Key<?> key) {
        return key.text(get(key));
    }

    /** The key, its value and where that came from: {@code vmservice.slot-timeout = 5m (default)}. */
    public String describe(Key<?> key) {
        return key.property() + " = " + text(key) + " (" + source(key) + ")";
    }

    /** The keys that are set, with their values and sources; the defaults left out. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "VmServiceSettings{", "}");
        KEYS.stream().filter(values::containsKey).forEach(key -> text.add(describe(key)));
        return text.toString();
    }

    private static Properties platformProperties() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : VmServiceSettings.class.getClassLoader())
                .getResourceAsStream("junit-platform.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read junit-platform.properties from the class path", e);
        }
        return properties;
    }

    /** A value found for a key, and where. */
    private record Found(String value, String source) {
        static Optional<Found> of(String value, String source) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Found(value.trim(), source));
        }
    }

    /**
     * One setting: its name ({@code max-sandboxes}), read as the system property
     * {@code vmservice.max-sandboxes} and the environment variable {@code VMSERVICE_MAX_SANDBOXES}.
     *
     * @param <T> the type of its value
     */
    public static final class Key<T> {
        private static final Set<String> RETENTIONS = Set.of("off", "on-failure", "always");

        private final String name;
        private final T defaultValue;
        private final Function<String, T> parser;
        private final Function<T, String> printer;

        private Key(String name, T defaultValue, Function<String, T> parser, Function<T, String> printer) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.parser = parser;
            this.printer = printer;
        }

        private static <T> Key<T> of(String name, T defaultValue, Function<String, T> parser, Function<T, String> printer) {
            return new Key<>(name, defaultValue, parser, printer);
        }

        public String name() {
            return name;
        }

        /** {@code vmservice.<name>}: the system property and the {@code junit-platform.properties} key. */
        public String property() {
            return "vmservice." + name;
        }

        /** {@code VMSERVICE_<NAME>}, dots and dashes as underscores. */
        public String environmentVariable() {
            return "VMSERVICE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        public T defaultValue() {
            return defaultValue;
        }

        /** The default as one writes it in a property: {@code 10m}, {@code target/vmservice}. */
        public String defaultText() {
            return printer.apply(defaultValue);
        }

        /** Reads a value as written in a property, or throws naming the key and the value. */
        public T parse(String text) {
            return parse(text, "value");
        }

        @SuppressWarnings("unchecked")
        private T type(Object value) {
            return (T) value;
        }

        @SuppressWarnings("unchecked")
        private String text(Object value) {
            return printer.apply((T) value);
        }

        private T parse(String text, String source) {
            try {
                return parser.apply(text.trim());
            } catch (RuntimeException e) {
                throw new InvalidInputException("configuration " + property() + " = \"" + text + "\" (" + source
                        + ") is not valid: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return property();
        }

        private static String plain(String text) {
            return text;
        }

        private static boolean bool(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }

        private static int integer(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
        }

        private static int atLeast(String text, int min) {
            int value = integer(text);
            if (value < min) {
                throw new IllegalArgumentException("expected " + min + " or more");
            }
            return value;
        }

        private static int between(String text, int min, int max) {
            int value = integer(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected " + min + " to " + max);
            }
            return value;
        }

        private static String oneOf(String text, String... allowed) {
            String value = text.toLowerCase(Locale.ROOT);
            if (!List.of(allowed).contains(value)) {
                throw new IllegalArgumentException("expected " + String.join(" or ", allowed));
            }
            return value;
        }

        private static String retention(String text) {
            String value = text.toLowerCase(Locale.ROOT);
            if (!RETENTIONS.contains(value)) {
                throw new IllegalArgumentException("expected off, on-failure or always");
            }
            return value;
        }

        private static Duration slotTimeout(String text) {
            Duration timeout = duration(text);
            if (timeout.isNegative() || timeout.compareTo(MAX_SLOT_TIMEOUT) > 0) {
                throw new IllegalArgumentException("expected 0s (fail at once) to "
                        + MAX_SLOT_TIMEOUT.toHours() + "h");
            }
            return timeout;
        }

        /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, a number of seconds, or ISO-8601 such as {@code PT30S}. */
        static Duration duration(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
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
                if (t.endsWith("h")) {
                    return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(t));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected a duration such as 30s, 500ms, 2m or PT30S");
            }
        }

        /** The shortest of {@code 1h}, {@code 10m}, {@code 30s}, {@code 500ms} that says it exactly. */
        static String durationText(Duration duration) {
            long millis = duration.toMillis();
            if (millis != 0 && millis % 3_600_000 == 0) {
                return millis / 3_600_000 + "h";
            }
            if (millis != 0 && millis % 60_000 == 0) {
                return millis / 60_000 + "m";
            }
            if (millis % 1000 == 0) {
                return millis / 1000 + "s";
            }
            return millis + "ms";
        }

        private static String pathText(Path path) {
            return path.toString().replace('\\', '/');
        }
    }
}
