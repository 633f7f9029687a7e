package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.settings.VmServiceSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Baselines read the run's settings: one artifacts root, the diff images in its baselines folder. */
class BaselinesSettingsTest {

    @Test
    void failedChecksGoToTheBaselinesFolderUnderTheArtifactsRoot() {
        Properties properties = new Properties();
        properties.setProperty("vmservice.artifacts.dir", "out/run-1");
        VmServiceSettings settings = VmServiceSettings.resolve(Map.of("VMSERVICE_BASELINES_UPDATE", "true"), properties,
                name -> name.equals("vmservice.baselines.dir") ? Optional.of("shots") : Optional.empty());

        Baselines baselines = Baselines.from(settings);

        assertThat(baselines.artifactsDirectory()).isEqualTo(Path.of("out", "run-1", "baselines"));
        assertThat(baselines.directory()).isEqualTo(Path.of("shots"));
        assertThat(baselines.update()).as("the environment counts as for every other key").isTrue();
    }

    @Test
    void byDefaultTheDiffsAreUnderTheDefaultArtifactsRoot() {
        Baselines baselines = Baselines.from(VmServiceSettings.defaults());

        assertThat(baselines.artifactsDirectory()).isEqualTo(Path.of("target", "vmservice", "baselines"));
        assertThat(baselines.directory()).isEqualTo(Path.of("src", "test", "resources", "baselines"));
        assertThat(baselines.update()).isFalse();
    }
}
