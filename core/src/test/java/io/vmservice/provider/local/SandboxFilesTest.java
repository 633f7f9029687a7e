package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxFilesTest {

    @TempDir
    Path base;

    private SandboxLayout layout;
    private SandboxFiles files;

    @BeforeEach
    void setUp() {
        layout = SandboxLayout.create(base, "sbx", SandboxUser.allocate(), java.util.List.of());
        files = new SandboxFiles(layout);
    }

    @Test
    void mapsHomeAndTmpToTheSandboxsOwnDirectories() {
        assertThat(files.hostPath("/home/user/a.txt")).contains(layout.home().resolve("a.txt"));
        assertThat(files.hostPath("notes/a.txt")).contains(layout.home().resolve("notes/a.txt"));
        assertThat(files.hostPath("/tmp/x")).contains(layout.tmp().resolve("x"));
    }

    @Test
    void dotDotCannotClimbOutOfTheWritableAreas() {
        assertThat(files.hostPath("/home/user/../../etc/passwd")).isEmpty();
        assertThat(files.hostPath("/home/user/a/../b")).contains(layout.home().resolve("b"));
        assertThat(files.hostPath("/etc/passwd")).isEmpty();
    }

    @Test
    void followsLinksInsideTheSandboxsViewNotTheHosts() throws Exception {
        Files.createSymbolicLink(layout.home().resolve("to-tmp"), Path.of("/tmp"));
        Files.createSymbolicLink(layout.home().resolve("to-etc"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(layout.home().resolve("relative"), Path.of("../user/real"));
        assertThat(files.hostPath("/home/user/to-tmp/f")).contains(layout.tmp().resolve("f"));
        assertThat(files.hostPath("/home/user/to-etc")).isEmpty();
        assertThat(files.hostPath("/home/user/relative")).contains(layout.home().resolve("real"));
    }

    @Test
    void refusesLinkLoopsAndNul() throws Exception {
        Files.createSymbolicLink(layout.home().resolve("loop"), Path.of("/home/user/loop"));
        assertThatThrownBy(() -> files.hostPath("/home/user/loop")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too many symbolic links");
        assertThatThrownBy(() -> files.hostPath("/home/user/a\0b")).isInstanceOf(InvalidInputException.class);
    }
}
