package io.vmservice.internal.desktop;

import io.vmservice.exception.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Key names as E2B's desktop SDK accepts them ({@code "ctrl"}, {@code "enter"}, {@code "f5"},
 * {@code "a"}) mapped to X keysyms for xdotool. Names outside E2B's table must be keysym-shaped
 * words, so input such as {@code "a;b"} fails here with a clear message.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal.desktop} may change in any release.
 */
public final class Keys {

    private static final Map<String, String> KEYSYMS = new HashMap<>();
    private static final Pattern KEYSYM_WORD = Pattern.compile("[A-Za-z0-9_]+");

    static {
        alias("Alt_L", "alt", "alt_left");
        alias("Alt_R", "alt_right");
        alias("BackSpace", "backspace");
        alias("Pause", "break", "pause");
        alias("Caps_Lock", "caps_lock");
        alias("Super_L", "cmd", "command", "super", "super_left", "win", "windows");
        alias("Super_R", "super_right");
        alias("Control_L", "control", "control_left", "ctrl");
        alias("Control_R", "control_right");
        alias("Delete", "del", "delete");
        alias("Down", "down");
        alias("End", "end");
        alias("Return", "enter");
        alias("Escape", "esc", "escape");
        for (int f = 1; f <= 12; f++) {
            alias("F" + f, "f" + f);
        }
        alias("Home", "home");
        alias("Insert", "insert");
        alias("Left", "left");
        alias("Menu", "menu");
        alias("Meta_L", "meta");
        alias("Num_Lock", "num_lock");
        alias("Page_Down", "page_down");
        alias("Page_Up", "page_up");
        alias("Print", "print");
        alias("Right", "right");
        alias("Scroll_Lock", "scroll_lock");
        alias("Shift_L", "shift", "shift_left");
        alias("Shift_R", "shift_right");
        alias("space", "space");
        alias("Tab", "tab");
        alias("Up", "up");
    }

    private Keys() {
    }

    private static void alias(String keysym, String... names) {
        for (String name : names) {
            KEYSYMS.put(name, keysym);
        }
    }

    /** The keysym for one key name; unknown names are lower-cased, as E2B does. */
    public static String keysym(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a key name must not be empty; use names such as "
                    + "\"enter\", \"ctrl\", \"f5\" or a single character");
        }
        String mapped = KEYSYMS.get(name.toLowerCase(Locale.ROOT));
        if (mapped != null) {
            return mapped;
        }
        if (name.codePointCount(0, name.length()) == 1) {
            return singleCharacter(name);
        }
        if (!KEYSYM_WORD.matcher(name).matches()) {
            throw new InvalidInputException("unknown key name \"" + name + "\": use a name such as "
                    + "\"enter\", \"ctrl\", \"f5\", a single character, or an X keysym like \"KP_Enter\"");
        }
        // Other words pass through as X keysyms (KP_Enter, XF86AudioMute); the desktop driver
        // turns xdotool's "No such key name" into an InvalidInputException.
        return name;
    }

    /** Keysyms joined with {@code +} for one chord, e.g. ["ctrl", "shift", "t"] → Control_L+Shift_L+t. */
    public static String chord(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("a key combination needs at least one key");
        }
        StringBuilder chord = new StringBuilder();
        for (String name : names) {
            if (chord.length() > 0) {
                chord.append('+');
            }
            chord.append(keysym(name));
        }
        return chord.toString();
    }

    private static String singleCharacter(String ch) {
        int cp = ch.codePointAt(0);
        if (Character.isLetterOrDigit(cp) && cp < 128) {
            return ch.toLowerCase(Locale.ROOT);
        }
        if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            throw new InvalidInputException("key \"" + ch.codePoints().mapToObj(Integer::toHexString)
                    .findFirst().orElse("") + "\" is a control character; use a key name such as \"enter\" or \"tab\"");
        }
        // xdotool resolves any other single character by its Unicode keysym.
        return String.format(Locale.ROOT, "U%04X", cp);
    }
}
