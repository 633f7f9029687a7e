package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** envd's Filesystem service and {@code /files} over real HTTP, against files in a real local sandbox. */
class EnvdFilesystemTest {

    private static ProtocolFixture fixture;
    private static ProtocolFixture.Remote remote;
    private static EnvdFilesystem files;

    @BeforeAll
    static void start() {
        fixture = ProtocolFixture.start();
        remote = fixture.createRemote("desktop");
        files = remote.files();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void uploadsAndDownloadsBytesExactly() {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        files.write("/home/user/data/blob.bin", content);
        assertThat(files.read("/home/user/data/blob.bin")).isEqualTo(content);
        files.write("notes.txt", "relative to home".getBytes(StandardCharsets.UTF_8));
        assertThat(remote.processes().run("cat /home/user/notes.txt; echo; stat -c %U /home/user/notes.txt", null, null,
                Duration.ofSeconds(10)).stdout()).isEqualTo("relative to home\nuser\n");
    }

    @Test
    void oldEnvdGetsMultipartUploads() {
        EnvdFilesystem old = new EnvdFilesystem(remote.envd(), "0.5.6");
        old.write("/tmp/multipart.txt", "sent as a form".getBytes(StandardCharsets.UTF_8));
        assertThat(files.read("/tmp/multipart.txt")).asString(StandardCharsets.UTF_8).isEqualTo("sent as a form");
        assertThat(fixture.httpLog).anyMatch(l -> l.contains("multipart/form-data"));
    }

    @Test
    void statsListsMakesMovesAndRemoves() {
        assertThat(files.makeDir("/home/user/project/src")).isTrue();
        assertThat(files.makeDir("/home/user/project/src")).as("already there").isFalse();
        files.write("/home/user/project/src/Main.java", "class Main {}".getBytes(StandardCharsets.UTF_8));

        EntryInfo stat = files.stat("/home/user/project/src/Main.java");
        assertThat(stat.isFile()).isTrue();
        assertThat(stat.name()).isEqualTo("Main.java");
        assertThat(stat.size()).isEqualTo(13);
        assertThat(stat.owner()).isEqualTo("user");
        assertThat(stat.modifiedTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(files.stat("/home/user/project").isDirectory()).isTrue();

        assertThat(files.listDir("/home/user/project", 2)).extracting(EntryInfo::path)
                .containsExactlyInAnyOrder("/home/user/project/src", "/home/user/project/src/Main.java");

        EntryInfo moved = files.move("/home/user/project/src/Main.java", "/home/user/project/app/App.java");
        assertThat(moved.path()).isEqualTo("/home/user/project/app/App.java");
        assertThat(files.read("/home/user/project/app/App.java")).asString(StandardCharsets.UTF_8).isEqualTo("class Main {}");

        files.remove("/home/user/project");
        assertThatThrownBy(() -> files.stat("/home/user/project"))
                .isInstanceOfSatisfying(VmServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("FILE_NOT_FOUND"));
    }

    @Test
    void missingFilesAndDirectoriesAreTypedErrors() {
        assertThatThrownBy(() -> files.read("/home/user/nothing-here"))
                .isInstanceOfSatisfying(VmServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("FILE_NOT_FOUND"));
        assertThatThrownBy(() -> files.read("/home/user")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> files.listDir("/etc/hostname", 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> files.write("", new byte[0])).isInstanceOf(InvalidInputException.class);
    }
}
