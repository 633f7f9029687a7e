package io.vmservice.image.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.provider.local.LocalDoctor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DoctorCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void onThisMachineEveryLineIsInOrderAndTheExitCodeIsZero() {
        int code = VmServiceCli.run(new String[] {"doctor", "--desktops", "2"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as(out.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).noneMatch(line -> line.startsWith("✗"));
        assertThat(lines).anyMatch(line -> line.startsWith("✓ Xvfb: /usr/bin/Xvfb"))
                .anyMatch(line -> line.startsWith("✓ user namespaces: "))
                .anyMatch(line -> line.startsWith("✓ memory for 2 desktops: "))
                .anyMatch(line -> line.matches("✓ OpenCV natives: OpenCV 4\\.\\d+\\.\\d+ for linux-x86_64"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("The local provider can run here.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void programsHiddenFromWhereTheProviderLooksAreCrossesWithTheirAptLinesAndTheExitCodeIsOne(@TempDir Path emptyBin) {
        CommandLine doctor = new CommandLine(new DoctorCommand(
                () -> LocalDoctor.builder().programDirectories(List.of(emptyBin))));
        doctor.setOut(new PrintWriter(out, true));

        int code = doctor.execute();

        assertThat(code).isEqualTo(DoctorCommand.CANNOT_RUN);
        List<String> lines = out.toString().lines().toList();
        String sudo = "root".equals(System.getProperty("user.name")) ? "" : "sudo ";
        assertThat(lines).contains("✗ Xvfb: not installed (looked in " + emptyBin + ") — fix: " + sudo + "apt-get install -y xvfb",
                "✗ xdotool: not installed (looked in " + emptyBin + ") — fix: " + sudo + "apt-get install -y xdotool");
        assertThat(lines).anyMatch(line -> line.startsWith("✗ bwrap: ") && line.endsWith("apt-get install -y bubblewrap"));
        assertThat(lines).anyMatch(line -> line.startsWith("✓ OpenCV natives: "));
        assertThat(lines.get(lines.size() - 1)).startsWith("The local provider cannot run here: ");
    }

    @Test
    void noDesktopsIsBadInput() {
        int code = VmServiceCli.run(new String[] {"doctor", "--desktops", "0"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).isEqualTo(VmServiceCli.BAD_INPUT);
        assertThat(err.toString()).contains("desktops must be 1 or more, got 0");
    }
}
