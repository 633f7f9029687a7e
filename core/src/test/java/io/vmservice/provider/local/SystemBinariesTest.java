package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.ProviderUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemBinariesTest {

    @Test
    void aMissingProgramNamesTheAptGetLineThatInstallsIt() {
        assertThatThrownBy(() -> SystemBinaries.require(Map.of("sh", "dash", "no-such-program-x1", "pkg-b",
                "no-such-program-x2", "pkg-a")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("no-such-program-x1")
                .hasMessageContaining("apt-get install -y pkg-a pkg-b")
                .hasMessageEndingWith("run scripts/vmservice doctor (LocalProvider.doctor() in Java) to check everything the local provider needs");
    }
}
