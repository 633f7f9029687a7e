package io.vmservice.provider.e2b;

import io.vmservice.exception.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where E2B is and how to sign in, read the way E2B's own SDKs read it, so an existing E2B setup
 * works unchanged: {@code E2B_API_KEY}, {@code E2B_DOMAIN} (default {@code e2b.app}),
 * {@code E2B_API_URL} (overrides {@code https://api.<domain>}) and {@code E2B_DEBUG=true} (envd at
 * {@code http://localhost:49983}). Each has a system property too: {@code vmservice.e2b.apiKey},
 * {@code .domain}, {@code .apiUrl}, {@code .debug}; the environment wins, as everywhere in
 * this project. {@link #toString()} never shows the key.
 */
public final class E2bSettings {

    public static final String DEFAULT_DOMAIN = "e2b.app";

    /** E2B's SDKs check the key's shape before sending it; so do we, without echoing it. */
    private static final Pattern API_KEY = Pattern.compile("e2b_[0-9a-f]+");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final Secret apiKey;
    private final String domain;
    private final String apiUrl;
    private final boolean debug;

    private E2bSettings(Secret apiKey, String domain, String apiUrl, boolean debug) {
        this.apiKey = apiKey;
        this.domain = domain;
        this.apiUrl = apiUrl;
        this.debug = debug;
    }

    /**
     * @param apiKey the team's API key, {@code e2b_} and hex digits
     * @param domain E2B's domain, null for {@code e2b.app}
     * @param apiUrl the control plane's base URL, null for {@code https://api.<domain>}
     *               (or {@code http://localhost:3000} in debug mode, as E2B's SDKs do)
     * @param debug true to reach envd at {@code http://localhost:49983} in plain HTTP
     */
    public static E2bSettings of(String apiKey, String domain, String apiUrl, boolean debug) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException("an E2B API key is required: set E2B_API_KEY (or the system property"
                    + " vmservice.e2b.apiKey); get one at https://e2b.dev/dashboard");
        }
        String key = apiKey.trim();
        if (!API_KEY.matcher(key).matches()) {
            throw new InvalidInputException("the E2B API key is malformed: it must be \"e2b_\" followed by hex digits"
                    + " (the given value has " + key.length() + " characters and is not shown)");
        }
        String d = domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain.trim();
        if (!DOMAIN.matcher(d).matches()) {
            throw new InvalidInputException("E2B domain \"" + d + "\" is not a host name such as " + DEFAULT_DOMAIN);
        }
        String url = apiUrl == null || apiUrl.isBlank() ? null : apiUrl.trim();
        if (url != null && okhttp3.HttpUrl.parse(url) == null) {
            throw new InvalidInputException("E2B API URL \"" + url + "\" is not an http or https URL");
        }
        return new E2bSettings(Secret.of(key), d, url, debug);
    }

    /** From this process's environment and system properties. */
    public static E2bSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    /** From the given environment and properties; the environment wins where both set a key. */
    public static E2bSettings fromEnvironment(Map<String, String> environment, Properties properties) {
        return of(
                lookup(environment, "E2B_API_KEY", properties, "vmservice.e2b.apiKey"),
                lookup(environment, "E2B_DOMAIN", properties, "vmservice.e2b.domain"),
                lookup(environment, "E2B_API_URL", properties, "vmservice.e2b.apiUrl"),
                parseBoolean(lookup(environment, "E2B_DEBUG", properties, "vmservice.e2b.debug")));
    }

    /** True when an API key is configured, so a suite can choose E2B only where it can work. */
    public static boolean isConfigured(Map<String, String> environment, Properties properties) {
        String key = lookup(environment, "E2B_API_KEY", properties, "vmservice.e2b.apiKey");
        return key != null && !key.isBlank();
    }

    public String domain() {
        return domain;
    }

    public boolean debug() {
        return debug;
    }

    /** The control plane's base URL. */
    public String apiUrl() {
        if (apiUrl != null) {
            return apiUrl;
        }
        return debug ? "http://localhost:3000" : "https://api." + domain;
    }

    Secret apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return "E2bSettings{apiKey=***, domain=" + domain + ", apiUrl=" + apiUrl() + ", debug=" + debug + "}";
    }

    private static String lookup(Map<String, String> env, String envName, Properties props, String propName) {
        String value = env.get(envName);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return props.getProperty(propName);
    }

    private static boolean parseBoolean(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidInputException("E2B_DEBUG must be true or false, got \"" + value + "\"");
        };
    }
}
