package io.vmservice.sandbox;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Resolution;
import io.vmservice.settings.VmServiceSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a sandbox should be made. Built with {@link #builder()}; {@link Builder#build()} checks
 * every field and names the field and its allowed range when one is out of bounds.
 */
public final class SandboxConfig {

    /** {@link VmServiceSettings#TEMPLATE}'s default. */
    public static final String DEFAULT_TEMPLATE = VmServiceSettings.TEMPLATE.defaultValue();
    /** {@link VmServiceSettings#TIMEOUT}'s default. */
    public static final Duration DEFAULT_TIMEOUT = VmServiceSettings.TIMEOUT.defaultValue();
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String template;
    private final int cpuCount;
    private final int memoryMb;
    private final Duration timeout;
    private final boolean allowInternetAccess;
    private final Map<String, String> environment;
    private final String workingDirectory;
    private final Resolution resolution;

    private SandboxConfig(Builder b) {
        this.template = b.template;
        this.cpuCount = b.cpuCount;
        this.memoryMb = b.memoryMb;
        this.timeout = b.timeout;
        this.allowInternetAccess = b.allowInternetAccess;
        this.environment = Map.copyOf(b.environment);
        this.workingDirectory = b.workingDirectory;
        this.resolution = b.resolution;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder as {@code settings} shape a sandbox: template, resolution, network, lifetime, CPUs and memory. */
    public static Builder builder(VmServiceSettings settings) {
        return builder().template(settings.get(VmServiceSettings.TEMPLATE))
                .resolution(settings.get(VmServiceSettings.RESOLUTION))
                .allowInternetAccess(settings.get(VmServiceSettings.INTERNET))
                .timeout(settings.get(VmServiceSettings.TIMEOUT))
                .cpuCount(settings.get(VmServiceSettings.CPU_COUNT))
                .memoryMb(settings.get(VmServiceSettings.MEMORY_MB));
    }

    /**
     * The defaults, those of {@link VmServiceSettings} (template "desktop", 2 CPUs, 2048 MB, 5 minutes,
     * internet on, 1024x768), whatever the environment says.
     */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().template(template).cpuCount(cpuCount).memoryMb(memoryMb).timeout(timeout)
                .allowInternetAccess(allowInternetAccess).environment(environment)
                .workingDirectory(workingDirectory).resolution(resolution);
    }

    public String template() {
        return template;
    }

    public int cpuCount() {
        return cpuCount;
    }

    public int memoryMb() {
        return memoryMb;
    }

    /** How long the sandbox may live; past it, the sandbox is destroyed (as E2B does). */
    public Duration timeout() {
        return timeout;
    }

    public boolean allowInternetAccess() {
        return allowInternetAccess;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public String workingDirectory() {
        return workingDirectory;
    }

    public Resolution resolution() {
        return resolution;
    }

    @Override
    public String toString() {
        return "SandboxConfig{template=" + template + ", cpuCount=" + cpuCount + ", memoryMb=" + memoryMb
                + ", timeout=" + timeout + ", allowInternetAccess=" + allowInternetAccess
                + ", environment=" + environment.keySet() + ", workingDirectory=" + workingDirectory
                + ", resolution=" + resolution + "}";
    }

    /** Collects the fields; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private String template = VmServiceSettings.TEMPLATE.defaultValue();
        private int cpuCount = VmServiceSettings.CPU_COUNT.defaultValue();
        private int memoryMb = VmServiceSettings.MEMORY_MB.defaultValue();
        private Duration timeout = VmServiceSettings.TIMEOUT.defaultValue();
        private boolean allowInternetAccess = VmServiceSettings.INTERNET.defaultValue();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String workingDirectory = "/home/user";
        private Resolution resolution = VmServiceSettings.RESOLUTION.defaultValue();

        private Builder() {
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        public Builder cpuCount(int cpuCount) {
            this.cpuCount = cpuCount;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder allowInternetAccess(boolean allowInternetAccess) {
            this.allowInternetAccess = allowInternetAccess;
            return this;
        }

        /** Replaces the environment variables every process in the sandbox starts with. */
        public Builder environment(Map<String, String> environment) {
            this.environment.clear();
            if (environment != null) {
                this.environment.putAll(environment);
            }
            return this;
        }

        public Builder env(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        public Builder workingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder resolution(int width, int height) {
            return resolution(new Resolution(width, height));
        }

        public SandboxConfig build() {
            if (template == null || !TEMPLATE.matcher(template).matches()) {
                throw new InvalidInputException("template \"" + template + "\" is not a template name:"
                        + " use lower-case letters, digits, '.', '_' or '-' (for example \"desktop\")");
            }
            range("cpuCount", cpuCount, 1, 8);
            range("memoryMb", memoryMb, 512, 8192);
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new InvalidInputException("timeout " + timeout + " is out of range: it must be"
                        + " greater than 0 and at most " + MAX_TIMEOUT.toHours() + " hours");
            }
            for (Map.Entry<String, String> e : environment.entrySet()) {
                if (e.getKey() == null || !ENV_NAME.matcher(e.getKey()).matches()) {
                    throw new InvalidInputException("environment variable name \"" + e.getKey()
                            + "\" is not valid: use letters, digits and '_', not starting with a digit");
                }
                if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                    throw new InvalidInputException("environment variable " + e.getKey()
                            + " needs a value without NUL characters");
                }
            }
            if (workingDirectory == null || !workingDirectory.startsWith("/") || workingDirectory.indexOf('\0') >= 0) {
                throw new InvalidInputException("workingDirectory \"" + workingDirectory
                        + "\" must be an absolute path inside the sandbox, e.g. /home/user");
            }
            if (resolution == null) {
                throw new InvalidInputException("resolution must not be null; the default is 1024x768");
            }
            return new SandboxConfig(this);
        }

        private static void range(String field, int value, int min, int max) {
            if (value < min || value > max) {
                throw new InvalidInputException(field + " " + value + " is out of range: it must be between "
                        + min + " and " + max);
            }
        }
    }
}
