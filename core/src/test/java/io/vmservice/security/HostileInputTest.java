package io.vmservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.PermissionDeniedException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Screenshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Input a caller should never send, sent through the client to a live sandbox. Each either gets a
 * typed error or is handled literally: no shell runs what it carries, nothing crashes, nothing
 * typed or written is lost. Every injection attempt aims at the same marker file, checked after
 * each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String MARKER = "/tmp/injected";
    private static final String INJECTIONS = "$(touch " + MARKER + ") `touch " + MARKER + "` ; touch " + MARKER
            + " | touch " + MARKER + " && touch " + MARKER;
    private static final Duration SHORT = Duration.ofSeconds(10);

    private VmServiceClient client;
    private String id;

    @BeforeAll
    void boot() {
        client = VmServiceClient.builder().build();
        SandboxInfo info = client.createSandbox("hostile", SandboxConfig.builder().template("minimal").build());
        id = info.sandboxId();
    }

    @AfterAll
    void destroy() {
        client.close();
    }

    @AfterEach
    void nothingWasInjected() {
        assertThat(client.runCommand(id, "test -e " + MARKER, SHORT).exitCode()).as(MARKER + " exists").isNotZero();
    }

    @Test
    void typedTextLandsLiterallyEvenWhenLongFastAndFullOfShellSyntax() {
        // A sandbox of its own: no window another test opened may take the focus mid-typing.
        String typing = client.createSandbox("hostile", SandboxConfig.builder().template("minimal").build()).sandboxId();
        try {
            client.runCommand(typing, "setsid -f xterm -u8 -e sh -c"
                    + " 'stty -icanon -echo; exec cat > /tmp/typed.txt' >/dev/null 2>&1", SHORT);
            await("xterm to run cat with the focus").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.runCommand(typing, "pgrep -x cat", SHORT).exitCode() == 0
                            && client.getApplicationWindows(typing, "xterm").contains(client.getCurrentWindowId(typing)));

            String shellSyntax = "it's \"quoted\" " + INJECTIONS + " $HOME \\ * ? ~ # % < > {a,b}\n"
                    + "second line\twith a tab, then emoji 😀 and ünïcödé\n";
            String longText = randomPrintable(10_000);
            long started = System.nanoTime();
            client.typeText(typing, shellSyntax);
            client.typeText(typing, longText, 1000, 0);
            String expected = shellSyntax + longText;
            try {
                await("every typed character in the file").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> client.readFile(typing, "/tmp/typed.txt").length() >= expected.length());
            } catch (ConditionTimeoutException e) {
                // The comparison below shows what arrived.
            }
            System.out.printf("typed %d characters in %d ms%n", expected.length(), (System.nanoTime() - started) / 1_000_000);
            assertThat(client.readFile(typing, "/tmp/typed.txt")).isEqualTo(expected);
            assertThat(client.runCommand(typing, "test -e " + MARKER, SHORT).exitCode()).as(MARKER + " exists").isNotZero();
        } finally {
            client.destroySandbox(typing);
        }
    }

    @Test
    void textWithNulIsRefused() {
        assertThatThrownBy(() -> client.typeText(id, "before\0after")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> client.runCommand(id, "echo a\0b", SHORT)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void commandLinesSentToARemoteShellCarryTheirArgumentsLiterally() {
        // The e2b provider sends desktop actions as a shell command line; quoting must keep every
        // argument one literal word.
        String hostile = "it's \"quoted\" " + INJECTIONS + " $HOME \\ *\nline two 😀";
        String line = DesktopCommand.of("printf", "%s", hostile).commandLine();
        assertThat(client.runCommand(id, line, SHORT).stdout()).isEqualTo(hostile);
    }

    @Test
    void hostileFileNamesAreWrittenAndReadLiterally() {
        String name = "/home/user/we'ird \"name\" " + INJECTIONS.replace('/', '_') + "\n😀.txt";
        client.writeFile(id, name, "literal");
        assertThat(client.readFile(id, name)).isEqualTo("literal");
        assertThat(client.runCommand(id, "ls /home/user", SHORT).stdout()).contains("we'ird \"name\"");
        assertThatThrownBy(() -> client.writeFile(id, "/home/user/a\0b", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.writeFile(id, "", "x")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pathsThatClimbOrLinkOutOfTheSandboxAreRefused() {
        assertThatThrownBy(() -> client.writeFile(id, "/home/user/../../etc/passwd", "x"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> client.writeFile(id, "/etc/passwd", "x")).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> client.writeFile(id, "/usr/bin/evil", "x")).isInstanceOf(PermissionDeniedException.class);
        client.runCommand(id, "ln -sfn /etc /home/user/etc-link && ln -sfn /root /tmp/root-link", SHORT);
        assertThatThrownBy(() -> client.writeFile(id, "/home/user/etc-link/evil", "x"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> client.writeFile(id, "/tmp/root-link/evil", "x"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> client.readFile(id, "/etc/shadow")).isInstanceOf(PermissionDeniedException.class);
        assertThat(client.readFile(id, "/home/user/etc-link/passwd")).as("the sandbox's own view of /etc/passwd")
                .contains("user:x:1000:1000").doesNotContain("root:$");
        assertThatThrownBy(() -> client.readFile(id, "/home/user")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.writeFile(id, "/home/user", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.readFile(id, "/no/such/file")).isInstanceOfSatisfying(VmServiceException.class,
                e -> assertThat(e.errorCode()).isEqualTo("FILE_NOT_FOUND"));
    }

    @Test
    void applicationNamesWithShellSyntaxAreRefused() {
        for (String name : List.of("xterm; touch " + MARKER, "xterm && touch " + MARKER, "$(touch " + MARKER + ")",
                "../../bin/sh", "-e", "")) {
            assertThatThrownBy(() -> client.launchApplication(id, name)).as(name)
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> client.getApplicationWindows(id, "x\0y")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void negativeAndOffScreenCoordinatesAreRefused() {
        for (int[] point : new int[][] {{-1, 10}, {10, -1}, {1024, 10}, {10, 768}, {Integer.MIN_VALUE, Integer.MAX_VALUE}}) {
            assertThatThrownBy(() -> client.click(id, point[0], point[1])).as(Arrays.toString(point))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("off the");
            assertThatThrownBy(() -> client.moveMouse(id, point[0], point[1])).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> client.drag(id, 10, 10, 5000, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.scroll(id, 0, 3)).isInstanceOf(InvalidInputException.class);
        client.click(id, 1023, 767, MouseButton.LEFT);
    }

    @Test
    void unknownKeyNamesAreRefused() {
        assertThatThrownBy(() -> client.pressKey(id, "NoSuchKey")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> client.pressKeyCombination(id, List.of("ctrl", "c; touch " + MARKER)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.pressKey(id, "")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.pressKeyCombination(id, List.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aLargeFileMakesTheRoundTripIntact() {
        byte[] large = new byte[200 * 1024 * 1024];
        new Random(9).nextBytes(large);
        long started = System.nanoTime();
        client.writeFile(id, "/tmp/large.bin", large);
        long written = System.nanoTime();
        byte[] back = client.readFileBytes(id, "/tmp/large.bin");
        System.out.printf("200 MB: written in %d ms, read in %d ms%n", (written - started) / 1_000_000,
                (System.nanoTime() - written) / 1_000_000);
        assertThat(Arrays.equals(back, large)).as("the file read back equals the one written").isTrue();
        client.runCommand(id, "rm /tmp/large.bin", SHORT);
    }

    @Test
    void aFileOverTheTransferLimitGetsATypedErrorBeforeAnythingIsWritten() {
        byte[] tooLarge = new byte[(1 << 30) + 1];
        assertThatThrownBy(() -> client.writeFile(id, "/tmp/too-large.bin", tooLarge))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1073741824");
        assertThat(client.runCommand(id, "test -e /tmp/too-large.bin", SHORT).exitCode()).isNotZero();
    }

    @Test
    void openingAPathFullOfShellSyntaxRunsNothing() {
        String path = "/tmp/" + INJECTIONS.replace('/', '_') + ".txt";
        client.writeFile(id, path, "opened literally");
        try {
            client.openFile(id, path);
        } catch (VmServiceException noApplicationForIt) {
            // Whether an application opens it is not the point; the marker check after the test is.
        }
        assertThatThrownBy(() -> client.openFile(id, "a\0b")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void corruptImagesGetATypedError() {
        byte[] png = client.screenshot(id);
        assertThat(Screenshot.fromPng(png).width()).isEqualTo(1024);
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        byte[] garbage = "definitely not an image".getBytes(StandardCharsets.UTF_8);
        byte[] flipped = png.clone();
        for (int i = 100; i < flipped.length; i += 7) {
            flipped[i] ^= 0x5A;
        }
        for (byte[] bad : List.of(truncated, garbage, flipped, new byte[0])) {
            assertThatThrownBy(() -> Screenshot.fromPng(bad)).isInstanceOf(InvalidInputException.class);
        }
    }

    private static String randomPrintable(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append((char) (' ' + random.nextInt('~' - ' ' + 1)));
        }
        return text.toString();
    }
}
