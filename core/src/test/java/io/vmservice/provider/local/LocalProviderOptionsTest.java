package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.SandboxConfig;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ProviderUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderOptionsTest {

    @Test
    void aBaseDirectorySandboxesCannotReachIsRefusedUpFront(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        org.junit.jupiter.api.Assumptions.assumeTrue(SandboxUser.isRoot(), "only root runs sandboxes as other users");
        assertThatThrownBy(() -> LocalProvider.builder().baseDir(dir.resolve("sandboxes")).build())
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("not searchable");
    }

    @Test
    void refusesUnknownTemplatesAndBadIds() {
        try (LocalProvider provider = LocalProvider.create()) {
            assertThatThrownBy(() -> provider.create("ok", SandboxConfig.builder().template("windows").build()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("[desktop, minimal]");
            assertThatThrownBy(() -> provider.create("../escape", SandboxConfig.defaults()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("sandbox id");
        }
    }
}
