package io.vmservice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

    @Test
    void defaultsMirrorE2bsDesktop() {
        SandboxConfig config = SandboxConfig.defaults();
        assertThat(config.template()).isEqualTo("desktop");
        assertThat(config.resolution()).hasToString("1024x768");
        assertThat(config.workingDirectory()).isEqualTo("/home/user");
        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void namesTheFieldAndItsRangeWhenOutOfBounds() {
        assertThatThrownBy(() -> SandboxConfig.builder().cpuCount(9).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("cpuCount 9 is out of range: it must be between 1 and 8");
        assertThatThrownBy(() -> SandboxConfig.builder().memoryMb(256).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("memoryMb 256").hasMessageContaining("512 and 8192");
        assertThatThrownBy(() -> SandboxConfig.builder().timeout(Duration.ZERO).build())
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> SandboxConfig.builder().environment(Map.of("1BAD", "x")).build())
                .hasMessageContaining("environment variable name \"1BAD\"");
        assertThatThrownBy(() -> SandboxConfig.builder().workingDirectory("relative").build())
                .hasMessageContaining("workingDirectory");
        assertThatThrownBy(() -> SandboxConfig.builder().template("Bad Template").build())
                .hasMessageContaining("template");
        assertThatThrownBy(() -> SandboxConfig.builder().resolution(10, 10).build())
                .hasMessageContaining("resolution 10x10");
    }

    @Test
    void errorsHaveTheSeedsMapShape() {
        InvalidInputException e = new InvalidInputException("bad");
        assertThat(e.errorCode()).isEqualTo("INVALID_INPUT");
        assertThat(e.toMap()).containsEntry("error_code", "INVALID_INPUT").containsEntry("message", "bad");
        assertThat(e.toJson()).isEqualTo("{\"error_code\":\"INVALID_INPUT\",\"message\":\"bad\",\"details\":{}}");
    }
}
