package io.vmservice.internal.desktop;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.screen.MouseButton;
import io.vmservice.screen.Point;
import io.vmservice.screen.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The xdotool (and friends) command lines that E2B's desktop SDK runs for each desktop action.
 * Both providers use this one builder, so an action means the same thing on either; only the
 * transport differs. Validation happens here, before anything reaches a sandbox.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal.desktop} may change in any release.
 */
public final class DesktopCommands {

    /** Characters typed per xdotool call, by the client and the DSL alike (E2B's desktop SDK types 25). */
    public static final int DEFAULT_CHUNK_SIZE = 25;

    /**
     * Milliseconds between typed keys unless told otherwise: xdotool's own pace. The client's
     * {@code typeText} and {@code DesktopSettings.DEFAULTS} both take it from here.
     */
    public static final int DEFAULT_TYPING_DELAY_MS = 12;

    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    private static final Pattern MOUSE_LOCATION = Pattern.compile("x:(\\d+)\\s+y:(\\d+)");
    private static final Pattern SCREEN_SIZE = Pattern.compile("current (\\d+) x (\\d+)|(\\d+x\\d+)");
    private static final Pattern WINDOW_ID = Pattern.compile("\\d+");

    private DesktopCommands() {
    }

    /**
     * E2B's SDK adds {@code --sync}, but xdotool then waits forever when the pointer already is at
     * the target. Without it the motion is still processed before the next command's requests,
     * which arrive on a new connection to the same server.
     */
    public static DesktopCommand moveMouse(int x, int y) {
        return DesktopCommand.of("xdotool", "mousemove", Integer.toString(x), Integer.toString(y));
    }

    public static DesktopCommand click(MouseButton button) {
        return DesktopCommand.of("xdotool", "click", Integer.toString(button.x11Button()));
    }

    public static DesktopCommand doubleClick() {
        return DesktopCommand.of("xdotool", "click", "--repeat", "2", "1");
    }

    public static DesktopCommand mouseDown(MouseButton button) {
        return DesktopCommand.of("xdotool", "mousedown", Integer.toString(button.x11Button()));
    }

    public static DesktopCommand mouseUp(MouseButton button) {
        return DesktopCommand.of("xdotool", "mouseup", Integer.toString(button.x11Button()));
    }

    /**
     * A left-button drag: E2B's press, move, release, with one short first step after the press.
     * Window managers start a move on the first motion past their drag threshold and follow the
     * motions after it, so a single jump straight to the target would move nothing.
     */
    public static List<DesktopCommand> drag(int fromX, int fromY, int toX, int toY) {
        int stepX = fromX + (toX - fromX) / 10;
        int stepY = fromY + (toY - fromY) / 10;
        return List.of(moveMouse(fromX, fromY), mouseDown(MouseButton.LEFT), moveMouse(stepX, stepY),
                moveMouse(toX, toY), mouseUp(MouseButton.LEFT));
    }

    /**
     * Scrolls by {@code amount} wheel clicks: a positive direction scrolls down (button 5), a
     * negative one up (button 4), as the seed's {@code scroll(direction, amount)}.
     */
    public static DesktopCommand scroll(int direction, int amount) {
        if (direction == 0) {
            throw new InvalidInputException("scroll direction must be positive (down) or negative (up), got 0");
        }
        if (amount < 1 || amount > 1000) {
            throw new InvalidInputException("scroll amount must be between 1 and 1000, got " + amount);
        }
        return DesktopCommand.of("xdotool", "click", "--repeat", Integer.toString(amount), direction > 0 ? "5" : "4");
    }

    /**
     * Types text in chunks of {@code chunkSize} characters with {@code delayMs} between keystrokes.
     * Chunks never split a surrogate pair; each line break becomes a Return key press. The
     * {@code --} keeps text that starts with '-' literal.
     */
    public static List<DesktopCommand> type(String text, int chunkSize, int delayMs) {
        if (text == null) {
            throw new InvalidInputException("text to type must not be null");
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException("text to type contains a NUL character at index "
                    + text.indexOf('\0') + "; NUL cannot be typed");
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new InvalidInputException("chunkSize must be between 1 and 1000, got " + chunkSize);
        }
        if (delayMs < 0 || delayMs > 10_000) {
            throw new InvalidInputException("delayMs must be between 0 and 10000, got " + delayMs);
        }
        List<DesktopCommand> commands = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                // xdotool's own newline handling drops the key in some applications; Return does not.
                commands.add(press(List.of("enter")));
            }
            typeLine(lines[i], chunkSize, delayMs, commands);
        }
        return commands;
    }

    private static void typeLine(String text, int chunkSize, int delayMs, List<DesktopCommand> commands) {
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + chunkSize);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            commands.add(DesktopCommand.of("xdotool", "type", "--delay", Integer.toString(delayMs),
                    "--", text.substring(start, end)));
            start = end;
        }
    }

    public static DesktopCommand press(List<String> keys) {
        return DesktopCommand.of("xdotool", "key", Keys.chord(keys));
    }

    public static DesktopCommand mouseLocation() {
        return DesktopCommand.of("xdotool", "getmouselocation");
    }

    public static DesktopCommand screenSize() {
        return DesktopCommand.of("xrandr");
    }

    public static DesktopCommand focusedWindow() {
        return DesktopCommand.of("xdotool", "getwindowfocus");
    }

    public static DesktopCommand windowsOfApplication(String application) {
        return DesktopCommand.of("xdotool", "search", "--onlyvisible", "--class", checkApplication(application));
    }

    /** Visible windows whose title contains the text (matched literally, case-sensitive). */
    public static DesktopCommand windowsTitled(String title) {
        if (title == null || title.isEmpty() || title.indexOf('\0') >= 0) {
            throw new InvalidInputException("a window title to search for must be non-empty text without NUL");
        }
        return DesktopCommand.of("xdotool", "search", "--onlyvisible", "--name", title.replaceAll("[\\[\\](){}.*+?^$|\\\\]", "\\\\$0"));
    }

    public static DesktopCommand windowTitle(String windowId) {
        if (windowId == null || !WINDOW_ID.matcher(windowId).matches()) {
            throw new InvalidInputException("window id must be a decimal X window id, got \"" + windowId + "\"");
        }
        return DesktopCommand.of("xdotool", "getwindowname", windowId);
    }

    /**
     * Launches an application by its desktop-entry id ({@code gtk-launch}, as E2B does); when no
     * entry has that id, runs the executable of that name instead, so both "firefox-esr" and
     * "mousepad" work.
     */
    public static DesktopCommand launch(String application, String uri) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c",
                "gtk-launch \"$@\" 2>/dev/null || exec \"$@\"", "launch", checkApplication(application)));
        if (uri != null && !uri.isEmpty()) {
            argv.add(uri);
        }
        return new DesktopCommand(argv);
    }

    /** Opens a file or URL with its default application ({@code xdg-open}). */
    public static DesktopCommand open(String fileOrUrl) {
        if (fileOrUrl == null || fileOrUrl.isBlank() || fileOrUrl.indexOf('\0') >= 0) {
            throw new InvalidInputException("a path or URL to open must be non-empty text without NUL");
        }
        return DesktopCommand.of("xdg-open", fileOrUrl);
    }

    /** E2B's screenshot: scrot to a unique file in /tmp (the caller downloads and removes it). */
    public static DesktopCommand scrot(String path) {
        return DesktopCommand.of("scrot", "--pointer", "--overwrite", path);
    }

    public static String newScreenshotPath() {
        return "/tmp/screenshot-" + UUID.randomUUID() + ".png";
    }

    public static Point parseMouseLocation(String output) {
        Matcher m = MOUSE_LOCATION.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("unexpected xdotool getmouselocation output: " + output);
        }
        return new Point(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Resolution parseScreenSize(String xrandrOutput) {
        Matcher m = SCREEN_SIZE.matcher(xrandrOutput);
        if (!m.find()) {
            throw new IllegalStateException("unexpected xrandr output: " + xrandrOutput);
        }
        return m.group(3) != null ? Resolution.parse(m.group(3))
                : new Resolution(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Window ids, one per line; empty when nothing matched. */
    public static List<String> parseWindowIds(String output) {
        return output.lines().map(String::trim).filter(l -> WINDOW_ID.matcher(l).matches()).toList();
    }

    static String checkApplication(String application) {
        if (application == null || !APP_NAME.matcher(application).matches()) {
            throw new InvalidInputException("application name \"" + application + "\" is not allowed: use a"
                    + " desktop-entry id or program name of letters, digits, '.', '_', '+' or '-'"
                    + " (for example \"mousepad\" or \"firefox-esr\")");
        }
        return application;
    }
}
