package io.vmservice.internal.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.desktop.Window;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import org.junit.jupiter.api.Test;

/** What xprop and xwininfo print, as captured from openbox and xfwm4 sessions, parsed. */
class WindowCommandsTest {

    @Test
    void listsWindowsWithTitlesAndClassesQuotesAndUtf8Included() {
        String printed = """
                window 6291479
                WM_CLASS(STRING) = "xcalc", "XCalc"
                _NET_WM_NAME:  not found.
                WM_NAME(STRING) = "Calculator"
                window 8388620
                WM_CLASS(STRING) = "xterm", "XTerm"
                _NET_WM_NAME(UTF8_STRING) = "tab\\011"quoted" h\\303\\251llo"
                WM_NAME(STRING) = "ignored when _NET_WM_NAME is set"
                window 123
                """;

        assertThat(WindowCommands.parseList(printed)).containsExactly(
                new WindowInfo("6291479", "Calculator", "xcalc", "XCalc"),
                new WindowInfo("8388620", "tab\t\"quoted\" héllo", "xterm", "XTerm"),
                new WindowInfo("123", "", "", ""));
        assertThat(new WindowInfo("6291479", "Calculator", "xcalc", "XCalc")).hasToString(
                "\"Calculator\" (class xcalc/XCalc, id 6291479)");
    }

    @Test
    void measuresTheContentAreaAndTheFrameFromItsExtents() {
        String printed = """
                xwininfo: Window id: 0x600017 "Calculator"

                  Absolute upper-left X:  201
                  Absolute upper-left Y:  170
                  Relative upper-left X:  1
                  Relative upper-left Y:  20
                  Width: 245
                  Height: 410
                  Map State: IsViewable
                _NET_FRAME_EXTENTS(CARDINAL) = 1, 1, 20, 5
                """;

        WindowBounds bounds = WindowCommands.parseBounds(printed);

        assertThat(bounds.area()).isEqualTo(new Region(201, 170, 245, 410));
        assertThat(bounds.frame()).isEqualTo(new Region(200, 150, 247, 435));
        assertThat(WindowCommands.parseBounds(printed.replaceAll("_NET_FRAME.*", "_NET_FRAME_EXTENTS:  not found.")).frame())
                .isEqualTo(new Region(201, 170, 245, 410));
    }

    @Test
    void windowIdsAndSizesAreChecked() {
        assertThat(WindowCommands.move("42", 10, 20).commandLine()).isEqualTo("xdotool windowmove 42 10 20");
        assertThat(WindowCommands.bounds("42").argv()).endsWith("bounds", "42");
        assertThatThrownBy(() -> WindowCommands.bounds("42; rm -rf /")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("decimal X window id");
        assertThatThrownBy(() -> WindowCommands.resize("42", 0, 10)).isInstanceOf(InvalidInputException.class);
    }
}
