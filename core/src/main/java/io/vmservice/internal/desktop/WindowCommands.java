package io.vmservice.internal.desktop;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.screen.Region;
import io.vmservice.screen.WindowBounds;
import io.vmservice.screen.WindowInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines that list, measure, focus, move and resize windows, and the parsers of what
 * they print. Sizes come from {@code xwininfo} (the client window's absolute position) and the
 * window manager's {@code _NET_FRAME_EXTENTS}, right under any reparenting window manager:
 * {@code xdotool getwindowgeometry} adds the frame's offset a second time under openbox.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal.desktop} may change in any release.
 */
public final class WindowCommands {

    private static final Pattern WINDOW_ID = Pattern.compile("\\d+");
    private static final Pattern BLOCK_START = Pattern.compile("window (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STRING_PROPERTY = Pattern.compile("(WM_CLASS|_NET_WM_NAME|WM_NAME)\\([A-Z0-9_]+\\) = (.*)");
    private static final Pattern FRAME_EXTENTS = Pattern.compile(
            "_NET_FRAME_EXTENTS\\(CARDINAL\\) = (\\d+), (\\d+), (\\d+), (\\d+)");

    // The window manager's list of the windows it manages, each with its class and titles. A window
    // closed between the two reads is left out. Nothing of the caller's reaches this script.
    private static final String LIST_SCRIPT = "for w in $(xprop -root _NET_CLIENT_LIST | grep -o '0x[0-9a-fA-F]*'); do"
            + " p=$(xprop -id \"$w\" WM_CLASS _NET_WM_NAME WM_NAME 2>/dev/null) || continue;"
            + " printf 'window %d\\n%s\\n' \"$w\" \"$p\"; done";

    private WindowCommands() {
    }

    /** The windows the window manager manages, oldest first (EWMH's {@code _NET_CLIENT_LIST}). */
    public static DesktopCommand list() {
        return DesktopCommand.of("sh", "-c", LIST_SCRIPT);
    }

    /** The client area's absolute geometry and the frame's extents of one window. */
    public static DesktopCommand bounds(String windowId) {
        return DesktopCommand.of("sh", "-c", "xwininfo -id \"$1\" && xprop -id \"$1\" _NET_FRAME_EXTENTS",
                "bounds", checkId(windowId));
    }

    /** Asks the window manager to raise and focus the window (EWMH's {@code _NET_ACTIVE_WINDOW}). */
    public static DesktopCommand activate(String windowId) {
        return DesktopCommand.of("xdotool", "windowactivate", checkId(windowId));
    }

    /** Moves the window so that its frame's top-left corner is at (x, y). */
    public static DesktopCommand move(String windowId, int x, int y) {
        return DesktopCommand.of("xdotool", "windowmove", checkId(windowId), Integer.toString(x), Integer.toString(y));
    }

    /** Resizes the window's client area. */
    public static DesktopCommand resize(String windowId, int width, int height) {
        if (width < 1 || height < 1 || width > 16_384 || height > 16_384) {
            throw new InvalidInputException("a window size must be between 1x1 and 16384x16384, got "
                    + width + "x" + height);
        }
        return DesktopCommand.of("xdotool", "windowsize", checkId(windowId), Integer.toString(width),
                Integer.toString(height));
    }

    /** The windows {@link #list()} printed. */
    public static List<WindowInfo> parseList(String output) {
        List<WindowInfo> windows = new ArrayList<>();
        String id = null;
        String instance = "";
        String className = "";
        String netName = null;
        String name = "";
        for (String line : output.lines().toList()) {
            Matcher start = BLOCK_START.matcher(line);
            if (start.matches()) {
                if (id != null) {
                    windows.add(new WindowInfo(id, netName != null ? netName : name, instance, className));
                }
                id = start.group(1);
                instance = "";
                className = "";
                netName = null;
                name = "";
                continue;
            }
            Matcher property = STRING_PROPERTY.matcher(line.trim());
            if (id == null || !property.matches()) {
                continue;
            }
            String value = property.group(2);
            switch (property.group(1)) {
                case "WM_CLASS" -> {
                    List<String> parts = classParts(value);
                    instance = parts.isEmpty() ? "" : parts.get(0);
                    className = parts.size() < 2 ? "" : parts.get(1);
                }
                case "_NET_WM_NAME" -> netName = title(value);
                default -> name = title(value);
            }
        }
        if (id != null) {
            windows.add(new WindowInfo(id, netName != null ? netName : name, instance, className));
        }
        return windows;
    }

    /** The bounds {@link #bounds(String)} printed. */
    public static WindowBounds parseBounds(String output) {
        int x = field(output, "Absolute upper-left X");
        int y = field(output, "Absolute upper-left Y");
        Region area = new Region(x, y, field(output, "Width"), field(output, "Height"));
        Matcher extents = FRAME_EXTENTS.matcher(output);
        if (!extents.find()) {
            return new WindowBounds(area, area);    // no window manager, or one without frames
        }
        return WindowBounds.of(area, Integer.parseInt(extents.group(1)), Integer.parseInt(extents.group(2)),
                Integer.parseInt(extents.group(3)), Integer.parseInt(extents.group(4)));
    }

    static String checkId(String windowId) {
        if (windowId == null || !WINDOW_ID.matcher(windowId).matches()) {
            throw new InvalidInputException("window id must be a decimal X window id, got \"" + windowId + "\"");
        }
        return windowId;
    }

    private static int field(String output, String label) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(label) + ":\\s*(-?\\d+)", Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("unexpected xwininfo output, no \"" + label + "\": " + output);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The two quoted parts of a WM_CLASS value. */
    private static List<String> classParts(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(value);
        while (m.find()) {
            out.add(unescape(m.group(1)));
        }
        return out;
    }

    /** A title between its outer quotes: xprop does not escape quotes inside it. */
    private static String title(String value) {
        int first = value.indexOf('"');
        int last = value.lastIndexOf('"');
        return first >= 0 && last > first ? unescape(value.substring(first + 1, last)) : "";
    }

    private static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && isOctal(raw, i + 1)) {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else if (raw[i] == '\\' && i + 1 < raw.length) {
                bytes.write(raw[++i]);
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] raw, int from) {
        if (from + 3 > raw.length) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (raw[i] < '0' || raw[i] > '7') {
                return false;
            }
        }
        return true;
    }
}
