package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.sandbox.SandboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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

    @Test
    void refusesANegativeOrMalformedPoolSize() {
        assertThatThrownBy(() -> LocalProvider.builder().warmPool(-1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("warmPool");
        withPoolSizeProperty("two", () -> assertThatThrownBy(LocalProvider::builder)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(LocalProvider.POOL_SIZE_PROPERTY));
    }

    @Test
    void thePoolSizePropertyKeepsWhatWasAskedForWarm() {
        SandboxConfig minimal = SandboxConfig.builder().template("minimal").build();
        withPoolSizeProperty("1", () -> {
            try (LocalProvider provider = LocalProvider.create()) {
                assertThat(provider.warmSandboxes()).isEmpty();
                provider.create("options-" + System.nanoTime(), minimal).close();
                await("a warm sandbox like the one asked for").atMost(Duration.ofSeconds(60))
                        .until(() -> provider.warmSandboxes().size() == 1);
            }
        });
    }

    private static void withPoolSizeProperty(String value, Runnable body) {
        String before = System.getProperty(LocalProvider.POOL_SIZE_PROPERTY);
        System.setProperty(LocalProvider.POOL_SIZE_PROPERTY, value);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(LocalProvider.POOL_SIZE_PROPERTY);
            } else {
                System.setProperty(LocalProvider.POOL_SIZE_PROPERTY, before);
            }
        }
    }
}
