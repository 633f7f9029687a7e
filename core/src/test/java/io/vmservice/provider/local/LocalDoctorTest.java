package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.doctor.Check;
import io.vmservice.doctor.DoctorReport;
import io.vmservice.exception.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDoctorTest {

    @Test
    void onThisMachineEveryProgramIsThereAndTheProviderCanRun() {
        DoctorReport report = LocalProvider.doctor();

        assertThat(report.failures()).as(report.text()).isEmpty();
        assertThat(report.canRun()).isTrue();
        assertThat(report.check("bwrap")).get().extracting(Check::status).isEqualTo(Check.Status.PASS);
        assertThat(report.check("user namespaces")).get().extracting(Check::status).isEqualTo(Check.Status.PASS);
        assertThat(report.check("Xvfb")).get().extracting(Check::detail).isEqualTo("/usr/bin/Xvfb");
        assertThat(report.check("desktop template")).get().extracting(Check::status).isEqualTo(Check.Status.PASS);
        assertThat(report.check("minimal template")).get().extracting(Check::status).isEqualTo(Check.Status.PASS);
        assertThat(report.check("memory for 1 desktop")).get().extracting(Check::status).isEqualTo(Check.Status.PASS);
        assertThat(report.text().lines()).hasSize(report.checks().size())
                .allSatisfy(line -> assertThat(line).matches("[✓!] .+: .+"));
    }

    @Test
    void aProgramHiddenFromWhereTheProviderLooksIsACrossWithItsAptLine(@TempDir Path bin) throws IOException {
        linkEveryProgramBut("Xvfb", bin);

        DoctorReport report = LocalDoctor.builder().programDirectories(List.of(bin)).build().run();

        Check xvfb = report.check("Xvfb").orElseThrow();
        assertThat(xvfb.status()).isEqualTo(Check.Status.FAIL);
        assertThat(xvfb.fix()).endsWith("apt-get install -y xvfb");
        assertThat(xvfb.line()).startsWith("✗ Xvfb: not installed (looked in " + bin + ")")
                .endsWith("— fix: " + xvfb.fix());
        assertThat(report.failures()).containsExactly(xvfb);
        assertThat(report.canRun()).isFalse();
        // bwrap reached through the same directory still makes its namespaces.
        assertThat(report.check("user namespaces").orElseThrow().status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void aTemplateProgramMissingNamesTheTemplateAndItsPackage(@TempDir Path bin) throws IOException {
        linkEveryProgramBut("mousepad", bin);

        DoctorReport report = LocalDoctor.builder().programDirectories(List.of(bin)).build().run();

        assertThat(report.failures()).extracting(Check::line).containsExactly(
                "✗ desktop template: mousepad not installed: sandboxes of this template cannot start — fix: "
                        + SystemBinaries.installLine(List.of("mousepad")));
    }

    @Test
    void withoutBubblewrapTheNamespacesAreNotTriedAndBothLinesSayHowToInstallIt(@TempDir Path bin) throws IOException {
        linkEveryProgramBut("bwrap", bin);

        DoctorReport report = LocalDoctor.builder().programDirectories(List.of(bin)).build().run();

        assertThat(report.failures()).extracting(Check::subject).containsExactly("bwrap", "user namespaces");
        assertThat(report.failures()).allSatisfy(c -> assertThat(c.fix()).endsWith("apt-get install -y bubblewrap"));
    }

    @Test
    void aSuiteCanCheckTheMachineForSeveralDesktopsBeforeItStarts() {
        // example:begin
        DoctorReport report = LocalDoctor.builder().desktops(4).build().run();
        if (!report.canRun()) {
            throw new IllegalStateException("this machine cannot run local desktops:\n" + report.text());
        }
        // example:end
        assertThat(report.check("memory for 4 desktops").orElseThrow().detail()).endsWith("2048 MB needed at 512 MB each");
    }

    @Test
    void desktopsMustBeOneOrMore() {
        assertThatThrownBy(() -> LocalDoctor.builder().desktops(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("desktops");
    }

    /**
     * Fills {@code bin} with every program the doctor looks for but one, each a script that runs
     * the installed program: the machine as it would be without that one.
     */
    private static void linkEveryProgramBut(String hidden, Path bin) throws IOException {
        Set<String> programs = new TreeSet<>(DesktopTemplate.COMMON_BINARIES.keySet());
        for (DesktopTemplate template : DesktopTemplate.values()) {
            programs.addAll(template.sessionBinaries().keySet());
        }
        programs.addAll(DesktopBaseline.BINARIES.keySet());
        programs.addAll(List.of("setpriv", "x11vnc", "websockify"));
        programs.remove(hidden);
        // As root, the probe runs bwrap as a sandbox's unprivileged user: it must reach the scripts.
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String program : programs) {
            Path installed = SystemBinaries.find(program);
            assertThat(installed).as(program + " on this machine").isNotNull();
            Path script = Files.writeString(bin.resolve(program), "#!/bin/sh\nexec " + installed + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
