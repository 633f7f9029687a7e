package io.vmservice.samples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What scripts/test says on a machine whose apt lacks a package it needs (as Ubuntu lacks
 * firefox-esr and chromium): which, and the Debian container to use, exiting 1 before Maven
 * starts. This machine has every package, so a package no archive has stands for the missing one.
 */
class UnavailablePackagesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NO_SUCH_PACKAGE = "vmservice-no-such-package";

    @TempDir
    Path work;

    @Test
    void aPackageAptCannotInstallIsNamedWithTheContainerToUseInstead() throws Exception {
        Result result = bash(ROOT, "source scripts/lib/system-packages.sh && require_installable bash " + NO_SUCH_PACKAGE);

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).contains("cannot install: " + NO_SUCH_PACKAGE + "\n")
                .contains("debian:bookworm").contains("--privileged");
    }

    @Test
    void onlyThePackagesAptHasNoVersionOfAreListed() throws Exception {
        Result result = bash(ROOT, "source scripts/lib/system-packages.sh && unavailable_packages bash coreutils "
                + NO_SUCH_PACKAGE + " xvfb");

        assertThat(result.code).isZero();
        assertThat(result.out).isEqualTo(NO_SUCH_PACKAGE + "\n");
    }

    @Test
    void theDistributionIsReadFromOsRelease() throws Exception {
        Path ubuntu = Files.writeString(work.resolve("os-release"),
                "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n");

        Result result = bash(ROOT, "source scripts/lib/system-packages.sh && VMSERVICE_OS_RELEASE=" + ubuntu
                + " distribution_name && { VMSERVICE_OS_RELEASE=" + ubuntu + " tested_distribution || echo not tested; }");

        assertThat(result.out).isEqualTo("Ubuntu 24.04.1 LTS\nnot tested\n");
    }

    @Test
    void scriptsTestStopsBeforeMavenWhenAptLacksAPackage() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/var/lib/apt/lists")), "needs apt's package lists");
        // A copy of the repository's scripts whose list names one package no archive has, and a
        // Maven wrapper that only records that it ran.
        Path repo = Files.createDirectories(work.resolve("repo"));
        copy("scripts/test", repo);
        copy("scripts/lib/allure-cli.sh", repo);
        Path packages = copy("scripts/lib/system-packages.sh", repo);
        Files.writeString(packages, Files.readString(packages).replace("VMSERVICE_PACKAGES=(\n",
                "VMSERVICE_PACKAGES=(\n  " + NO_SUCH_PACKAGE + "\n"));
        Path ran = repo.resolve("maven-ran");
        Path mvnw = Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\ntouch " + ran + "\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

        // As root, scripts/test would first refresh apt's lists; as another user it checks the
        // lists it has, and that path is the one taken here, so that no test touches apt's state.
        List<String> argv = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            argv.addAll(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"));
        }
        argv.add(repo.resolve("scripts/test").toString());
        Result result = run(repo, argv);

        assertThat(result.code).as(result.err).isEqualTo(1);
        assertThat(result.err).contains("cannot install: " + NO_SUCH_PACKAGE + "\n").contains("debian:bookworm");
        assertThat(ran).as("Maven started").doesNotExist();
    }

    private Path copy(String file, Path repo) throws IOException {
        Path target = repo.resolve(file);
        Files.createDirectories(target.getParent());
        return Files.copy(ROOT.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private Result bash(Path dir, String script) throws Exception {
        return run(dir, List.of("bash", "-c", script));
    }

    private Result run(Path dir, List<String> argv) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
