package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.provider.input.AccessibilityHelper;
import io.vmservice.provider.input.HelperProgram;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.sandbox.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox without python3 is told what to install instead of failing without a reason. Every
 * template here has python3 (the desktop needs it), so the accessibility helper's own script runs
 * on this machine, as a local sandbox starts it, with a search path that holds no python3.
 */
class AccessibilityWithoutPythonTest {

    @Test
    void aQueryNamesThePackagesToInstall(@TempDir Path emptyPath) {
        try (InputChannel channel = new InputChannel(HelperProgram.ACCESSIBILITY, () -> "no-python",
                (program, output) -> LocalInputTransport.start(start(program, emptyPath), program.name(), output),
                () -> { })) {
            CommandResult answer = channel.run(AccessibilityHelper.query("tree", "{\"window\":null}"),
                    Duration.ofSeconds(10));

            assertThat(answer.exitCode()).isNotZero();
            assertThat(answer.stdout()).isEmpty();
            assertThat(answer.stderr())
                    .contains("python3 is missing from the sandbox: apt-get install -y python3 python3-pyatspi");
            assertThat(channel.helpersStarted()).as("tried once more, as after any helper that ended").isEqualTo(2);
        }
    }

    private static Process start(HelperProgram program, Path searchPath) {
        ProcessBuilder builder = new ProcessBuilder(HelperChannels.argv(program));
        builder.environment().put("PATH", searchPath.toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
