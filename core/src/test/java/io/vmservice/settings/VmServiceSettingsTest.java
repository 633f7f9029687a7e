package io.vmservice.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.Readme;
import io.vmservice.desktop.DesktopSettings;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Resolution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** One settings type: the README's table agrees with it, and every default is read from it. */
class VmServiceSettingsTest {

    private static final String HEADER = "| key | environment variable | default | meaning |";

    @Test
    void theReadmeTableListsEveryKeyWithItsVariableAndDefault() {
        List<List<String>> rows = Readme.table(HEADER);
        List<String> documented = rows.stream()
                .map(row -> String.join(" | ", row.get(0), row.get(1), row.get(2))).toList();
        List<String> inCode = VmServiceSettings.keys().stream()
                .map(key -> String.join(" | ", "`" + key.property() + "`", "`" + key.environmentVariable() + "`",
                        "`" + key.defaultText() + "`")).toList();
        assertThat(documented).as("the README's table, key by key, in the settings type's order")
                .containsExactlyElementsOf(inCode);
        assertThat(rows).allSatisfy(row -> assertThat(row.get(3)).as("the meaning of " + row.get(0)).isNotBlank());
    }

    @Test
    void theEnvironmentWinsOverASystemPropertyWhichWinsOverAParameter() {
        Properties properties = new Properties();
        properties.setProperty("vmservice.max-sandboxes", "4");
        properties.setProperty("vmservice.slot-timeout", "30s");
        VmServiceSettings settings = VmServiceSettings.resolve(Map.of("VMSERVICE_MAX_SANDBOXES", "3"), properties,
                name -> switch (name) {
                    case "vmservice.action-timeout" -> Optional.of("2s");
                    case "vmservice.cpu-count", "vmservice.max-sandboxes", "vmservice.slot-timeout" -> Optional.of("7");
                    default -> Optional.empty();
                });

        assertThat(settings.get(VmServiceSettings.MAX_SANDBOXES)).isEqualTo(3);
        assertThat(settings.source(VmServiceSettings.MAX_SANDBOXES)).isEqualTo("environment variable VMSERVICE_MAX_SANDBOXES");
        assertThat(settings.get(VmServiceSettings.SLOT_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.get(VmServiceSettings.ACTION_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.get(VmServiceSettings.CPU_COUNT)).isEqualTo(7);
        assertThat(settings.describe(VmServiceSettings.SLOT_TIMEOUT))
                .isEqualTo("vmservice.slot-timeout = 30s (system property vmservice.slot-timeout)");
    }

    @Test
    void unsetKeysTakeTheirDefault() {
        VmServiceSettings settings = VmServiceSettings.resolve(Map.of(), new Properties(), name -> Optional.empty());

        for (VmServiceSettings.Key<?> key : VmServiceSettings.keys()) {
            assertThat((Object) settings.get(key)).as(key.property()).isEqualTo(key.defaultValue());
            assertThat(settings.source(key)).isEqualTo("default");
        }
    }

    @Test
    void aValueThatIsNotValidNamesTheKeyTheValueAndWhereItCameFrom() {
        Properties properties = new Properties();
        properties.setProperty("vmservice.video", "sometimes");
        assertThatThrownBy(() -> VmServiceSettings.resolve(Map.of(), properties, name -> Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("vmservice.video = \"sometimes\" (system property vmservice.video)")
                .hasMessageContaining("off, on-failure or always");
        assertThatThrownBy(() -> VmServiceSettings.resolve(Map.of("VMSERVICE_SLOT_TIMEOUT", "25h"), new Properties(),
                name -> Optional.empty())).hasMessageContaining("environment variable VMSERVICE_SLOT_TIMEOUT");
        assertThatThrownBy(() -> VmServiceSettings.resolve(Map.of(), new Properties(),
                name -> name.equals("vmservice.max-sandboxes") ? Optional.of("0") : Optional.empty()))
                .hasMessageContaining("vmservice.max-sandboxes = \"0\"").hasMessageContaining("1 or more");
    }

    @Test
    void durationsReadAsWrittenAndPrintTheirShortestForm() {
        VmServiceSettings settings = VmServiceSettings.resolve(Map.of(), new Properties(), name -> switch (name) {
            case "vmservice.timeout" -> Optional.of("PT90S");
            case "vmservice.action-timeout" -> Optional.of("1500ms");
            case "vmservice.window-timeout" -> Optional.of("1h");
            case "vmservice.assertion-timeout" -> Optional.of("12");
            default -> Optional.empty();
        });
        assertThat(settings.text(VmServiceSettings.TIMEOUT)).isEqualTo("90s");
        assertThat(settings.text(VmServiceSettings.ACTION_TIMEOUT)).isEqualTo("1500ms");
        assertThat(settings.text(VmServiceSettings.WINDOW_TIMEOUT)).isEqualTo("1h");
        assertThat(settings.get(VmServiceSettings.ASSERTION_TIMEOUT)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void sandboxAndDesktopDefaultsAreTheSettingsDefaults() {
        SandboxConfig config = SandboxConfig.defaults();
        assertThat(config.template()).isEqualTo(VmServiceSettings.TEMPLATE.defaultValue());
        assertThat(config.resolution()).isEqualTo(VmServiceSettings.RESOLUTION.defaultValue()).isEqualTo(Resolution.DEFAULT);
        assertThat(config.allowInternetAccess()).isEqualTo(VmServiceSettings.INTERNET.defaultValue());
        assertThat(config.timeout()).isEqualTo(VmServiceSettings.TIMEOUT.defaultValue());
        assertThat(config.cpuCount()).isEqualTo(VmServiceSettings.CPU_COUNT.defaultValue());
        assertThat(config.memoryMb()).isEqualTo(VmServiceSettings.MEMORY_MB.defaultValue());
        assertThat(SandboxConfig.builder(VmServiceSettings.defaults()).build()).hasToString(config.toString());

        DesktopSettings desktop = DesktopSettings.DEFAULTS;
        assertThat(desktop.actionTimeout()).isEqualTo(VmServiceSettings.ACTION_TIMEOUT.defaultValue());
        assertThat(desktop.assertionTimeout()).isEqualTo(VmServiceSettings.ASSERTION_TIMEOUT.defaultValue());
        assertThat(desktop.windowTimeout()).isEqualTo(VmServiceSettings.WINDOW_TIMEOUT.defaultValue());
    }

    @Test
    void keysAreNamedOneWayEverywhere() {
        assertThat(VmServiceSettings.ARTIFACTS_DIR.property()).isEqualTo("vmservice.artifacts.dir");
        assertThat(VmServiceSettings.ARTIFACTS_DIR.environmentVariable()).isEqualTo("VMSERVICE_ARTIFACTS_DIR");
        assertThat(VmServiceSettings.LOCAL_POOL_SIZE.environmentVariable()).isEqualTo("VMSERVICE_LOCAL_POOL_SIZE");
        assertThat(VmServiceSettings.keys()).extracting(VmServiceSettings.Key::name).doesNotHaveDuplicates();
    }
}
