package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Configuration read as E2B's SDKs read it, and the addresses that follow from it. */
class E2bSettingsTest {

    private static final String KEY = "e2b_0123456789abcdef";

    @Test
    void defaultsFollowE2bsSdks() {
        E2bSettings settings = E2bSettings.fromEnvironment(Map.of("E2B_API_KEY", KEY), new Properties());
        assertThat(settings.domain()).isEqualTo("e2b.app");
        assertThat(settings.apiUrl()).isEqualTo("https://api.e2b.app");
        assertThat(settings.debug()).isFalse();
        assertThat(E2bSettings.fromEnvironment(Map.of("E2B_API_KEY", KEY, "E2B_DOMAIN", "e2b.dev"), new Properties()).apiUrl())
                .isEqualTo("https://api.e2b.dev");
        assertThat(E2bSettings.fromEnvironment(Map.of("E2B_API_KEY", KEY, "E2B_DEBUG", "true"), new Properties()).apiUrl())
                .isEqualTo("http://localhost:3000");
    }

    @Test
    void theEnvironmentWinsOverSystemProperties() {
        Properties props = new Properties();
        props.setProperty("vmservice.e2b.apiKey", "e2b_ffff");
        props.setProperty("vmservice.e2b.domain", "props.example");
        props.setProperty("vmservice.e2b.apiUrl", "http://127.0.0.1:9/api");
        props.setProperty("vmservice.e2b.debug", "true");
        E2bSettings fromProps = E2bSettings.fromEnvironment(Map.of(), props);
        assertThat(fromProps.domain()).isEqualTo("props.example");
        assertThat(fromProps.apiUrl()).isEqualTo("http://127.0.0.1:9/api");
        assertThat(fromProps.debug()).isTrue();
        E2bSettings both = E2bSettings.fromEnvironment(Map.of("E2B_API_KEY", KEY, "E2B_DOMAIN", "env.example"), props);
        assertThat(both.domain()).isEqualTo("env.example");
        assertThat(both.apiKey().reveal()).isEqualTo(KEY);
        assertThat(E2bSettings.isConfigured(Map.of(), new Properties())).isFalse();
        assertThat(E2bSettings.isConfigured(Map.of(), props)).isTrue();
    }

    @Test
    void badSettingsAreInvalidInputNamingTheFix() {
        assertThatThrownBy(() -> E2bSettings.fromEnvironment(Map.of(), new Properties()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("E2B_API_KEY");
        assertThatThrownBy(() -> E2bSettings.of("sk-secret-value", null, null, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("e2b_")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-secret-value"));
        assertThatThrownBy(() -> E2bSettings.of(KEY, "not a domain", null, false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> E2bSettings.of(KEY, null, "ftp:/x", false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> E2bSettings.fromEnvironment(Map.of("E2B_API_KEY", KEY, "E2B_DEBUG", "maybe"), new Properties()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("E2B_DEBUG");
        assertThatThrownBy(() -> E2bProvider.builder().apiKey(KEY).keepaliveInterval(Duration.ofSeconds(50))
                .readTimeout(Duration.ofSeconds(30)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("keepaliveInterval");
    }

    @Test
    void envdIsAddressedAsE2bAddressesIt() {
        assertThat(EnvdAddress.hostBased("abc123", "e2b.app").baseUrl()).isEqualTo(HttpUrl.get("https://49983-abc123.e2b.app/"));
        assertThat(EnvdAddress.debug().baseUrl()).isEqualTo(HttpUrl.get("http://localhost:49983/"));
        assertThat(EnvdAddress.sharedHost(HttpUrl.get("https://sandbox.e2b.app"), "abc123").routingHeaders())
                .containsEntry("E2b-Sandbox-Id", "abc123").containsEntry("E2b-Sandbox-Port", "49983");
        assertThat(EnvdAddress.portUrl(6080, "abc123", "e2b.app", false)).isEqualTo("https://6080-abc123.e2b.app");
        assertThat(ControlPlaneClient.metadataFilter(new java.util.LinkedHashMap<>(Map.of("user", "a b&c"))))
                .isEqualTo("user=a%20b%26c");
        assertThat(EnvdVersion.atLeast("0.5.7", 0, 5, 7)).isTrue();
        assertThat(EnvdVersion.atLeast("0.3.9", 0, 4, 0)).isFalse();
        assertThat(EnvdVersion.atLeast("0.10.0", 0, 5, 7)).isTrue();
    }
}
