package io.vmservice.samples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/lib/allure-cli.sh when npm cannot install Allure's command line (no registry, a proxy
 * it does not trust): the scripts stop there, before Maven, rather than hand Maven a path to
 * nothing. An npm that fails as the real one does there stands in for it.
 */
class AllureCliScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aFailedNpmInstallStopsTheScriptWithTheCommandThatShowsWhy(@TempDir Path work) throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path npm = Files.writeString(bin.resolve("npm"),
                "#!/bin/sh\necho 'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN' >&2\nexit 1\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path err = work.resolve("err.txt");

        ProcessBuilder bash = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; source scripts/lib/allure-cli.sh; allure=\"$(allure_cli)\"; echo \"maven would start\"")
                .directory(ROOT.toFile()).redirectError(err.toFile()).redirectOutput(work.resolve("out.txt").toFile());
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
        Process process = bash.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("out.txt"))).doesNotContain("maven would start");
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).contains("SELF_SIGNED_CERT_IN_CHAIN")
                .contains("npm could not install Allure's command line; to see why: npm install --prefix "
                        + work.resolve("cache/vmservice/allure-2.46.1") + " allure-commandline@2.46.1");
    }
}
