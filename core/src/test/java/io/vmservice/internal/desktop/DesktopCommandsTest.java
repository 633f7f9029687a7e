package io.vmservice.internal.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesktopCommandsTest {

    @Test
    void buildsTheCommandLinesOfE2bsDesktopSdk() {
        assertThat(DesktopCommands.click(MouseButton.LEFT).commandLine()).isEqualTo("xdotool click 1");
        assertThat(DesktopCommands.click(MouseButton.RIGHT).commandLine()).isEqualTo("xdotool click 3");
        assertThat(DesktopCommands.doubleClick().commandLine()).isEqualTo("xdotool click --repeat 2 1");
        assertThat(DesktopCommands.scroll(1, 3).commandLine()).isEqualTo("xdotool click --repeat 3 5");
        assertThat(DesktopCommands.scroll(-1, 2).commandLine()).isEqualTo("xdotool click --repeat 2 4");
        assertThat(DesktopCommands.press(List.of("ctrl", "c")).commandLine()).isEqualTo("xdotool key Control_L+c");
        assertThat(DesktopCommands.focusedWindow().commandLine()).isEqualTo("xdotool getwindowfocus");
        assertThat(DesktopCommands.windowsOfApplication("Mousepad").commandLine())
                .isEqualTo("xdotool search --onlyvisible --class Mousepad");
        assertThat(DesktopCommands.drag(100, 200, 300, 400)).extracting(DesktopCommand::commandLine).containsExactly(
                "xdotool mousemove 100 200", "xdotool mousedown 1", "xdotool mousemove 120 220",
                "xdotool mousemove 300 400", "xdotool mouseup 1");
    }

    @Test
    void typesInChunksWithTheDelayAndKeepsSurrogatePairsWhole() {
        List<DesktopCommand> chunks = DesktopCommands.type("ab\uD83D\uDE00cd", 3, 10);
        assertThat(chunks).extracting(c -> c.argv().get(c.argv().size() - 1))
                .containsExactly("ab\uD83D\uDE00", "cd");
        assertThat(chunks.get(0).argv()).startsWith("xdotool", "type", "--delay", "10", "--");
        assertThat(DesktopCommands.type("x".repeat(60), 25, 75)).hasSize(3);
    }

    @Test
    void typesLineBreaksAsReturn() {
        assertThat(DesktopCommands.type("one\ntwo\r\n", 25, 0)).extracting(DesktopCommand::commandLine).containsExactly(
                "xdotool type --delay 0 -- one", "xdotool key Return", "xdotool type --delay 0 -- two", "xdotool key Return");
    }

    @Test
    void refusesTextThatCannotBeTyped() {
        assertThatThrownBy(() -> DesktopCommands.type("a\0b", 25, 75))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> DesktopCommands.type("a", 0, 75))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("chunkSize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"firefox;rm -rf /", "a b", "$(id)", "../bin/sh", ""})
    void refusesApplicationNamesThatAreNotNames(String name) {
        assertThatThrownBy(() -> DesktopCommands.launch(name, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("application name");
    }

    @Test
    void parsesWhatTheToolsPrint() {
        assertThat(DesktopCommands.parseMouseLocation("x:120 y:45 screen:0 window:1234")).isEqualTo(new Point(120, 45));
        assertThat(DesktopCommands.parseScreenSize("Screen 0: minimum 1 x 1, current 1280 x 800, maximum 8192 x 8192"))
                .isEqualTo(new Resolution(1280, 800));
        assertThat(DesktopCommands.parseWindowIds("123\n456\n")).containsExactly("123", "456");
        assertThat(DesktopCommands.parseWindowIds("")).isEmpty();
    }

    /** What E2B sends through bash must reach the program byte for byte, never be interpreted. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "$(touch /tmp/pwned)", "`id`", "a\nb", "\"q\" 'q'", "-dash",
            "tab\there", "emoji \uD83D\uDE00 日本語", "back\\slash", "*", "~", "!event", "a;b|c&d>e<f"})
    void commandLinesSurviveARealShellLiterally(String text) throws IOException, InterruptedException {
        DesktopCommand command = DesktopCommand.of("printf", "%s\\0", text, "--", text);
        Process bash = new ProcessBuilder("bash", "-c", command.commandLine()).start();
        byte[] out = bash.getInputStream().readAllBytes();
        assertThat(bash.waitFor()).isZero();
        List<String> received = new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\0", -1)));
        received.remove(received.size() - 1);
        assertThat(received).containsExactly(text, "--", text);
    }
}
