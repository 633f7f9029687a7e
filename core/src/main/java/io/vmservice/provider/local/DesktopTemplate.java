package io.vmservice.provider.local;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.provider.DesktopCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What runs on a local sandbox's display, and how to tell that it has come up.
 *
 * <ul>
 *   <li>{@code desktop}: an xfce4 session with panel and desktop, like E2B's desktop template.</li>
 *   <li>{@code minimal}: openbox on a plain background, for tests that need windows but no desktop;
 *       it boots in a fraction of the time.</li>
 * </ul>
 */
enum DesktopTemplate {

    DESKTOP("desktop",
            // xfce4's window manager, settings daemon, desktop and panel, without its session
            // manager, ssh and gpg agents or file-manager daemon: less than half the memory of a
            // full xfce4-session, and nothing a test drives is missing. The session bus listens
            // at a fixed address, so every command finds it, and is up before any application:
            // GTK's accessibility bridge starts AT-SPI's bus through it on the panel's start.
            DesktopCommand.of("sh", "-c", "dbus-daemon --session --address=\"$DBUS_SESSION_BUS_ADDRESS\" --fork"
                    + " --nopidfile --nosyslog && { xfsettingsd & xfwm4 & xfdesktop & exec xfce4-panel; }"),
            // Both the panel and the desktop window are mapped once xfce4 has drawn the screen,
            // and the root window names AT-SPI's bus once that bus is up.
            DesktopCommand.of("sh", "-c", "xdotool search --onlyvisible --class xfce4-panel >/dev/null"
                    + " && xdotool search --onlyvisible --class xfdesktop >/dev/null"
                    + " && xprop -root AT_SPI_BUS | grep -q unix:"),
            Map.of("xfwm4", "xfwm4", "xfce4-panel", "xfce4-panel", "xfdesktop", "xfdesktop4",
                    "xfsettingsd", "xfce4-settings", "dbus-daemon", "dbus-daemon", "mousepad", "mousepad",
                    "xfce4-terminal", "xfce4-terminal", "xprop", "x11-utils",
                    "at-spi-bus-launcher", "at-spi2-core"),
            Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + Bubblewrap.RUNTIME_DIR + "/bus",
                    // Firefox turns its accessibility tree on when asked to (GTK apps always do).
                    "GNOME_ACCESSIBILITY", "1",
                    // GSettings in memory, as without a bus: no dconf store that would carry an
                    // application's saved settings from one test into the next.
                    "GSETTINGS_BACKEND", "memory"),
            // The settings xfce4 would write on a first start, written beforehand: each write
            // at boot makes the window manager reload its theme and regrab its keys.
            List.of("xfce4/xfconf/xfce-perchannel-xml/xfce4-panel.xml",
                    "xfce4/xfconf/xfce-perchannel-xml/xfce4-desktop.xml",
                    "xfce4/xfconf/xfce-perchannel-xml/xfwm4.xml",
                    "xfce4/xfconf/xfce-perchannel-xml/xfce4-keyboard-shortcuts.xml",
                    "xfce4/xfconf/xfce-perchannel-xml/displays.xml")),

    MINIMAL("minimal",
            DesktopCommand.of("sh", "-c", "xsetroot -solid '#3a6ea5' && exec openbox"),
            // openbox announces itself on the root window once it manages the screen.
            DesktopCommand.of("sh", "-c", "xprop -root _NET_SUPPORTING_WM_CHECK | grep -q 'window id'"),
            Map.of("openbox", "openbox", "xsetroot", "x11-xserver-utils", "xprop", "x11-utils"),
            // No session bus here: GTK applications would look for AT-SPI's bus and wait for it.
            Map.of("NO_AT_BRIDGE", "1"),
            List.of());

    /** Programs every template needs, with the Debian packages that install them. */
    static final Map<String, String> COMMON_BINARIES = Map.of(
            "bwrap", "bubblewrap", "nsenter", "util-linux", "Xvfb", "xvfb", "xdotool", "xdotool",
            "xrandr", "x11-xserver-utils", "xset", "x11-xserver-utils", "gtk-launch", "libgtk-3-bin",
            "xdg-open", "xdg-utils");

    private final String id;
    private final DesktopCommand session;
    private final DesktopCommand readyProbe;
    private final Map<String, String> binaries;
    private final Map<String, String> environment;
    private final List<String> configFiles;

    DesktopTemplate(String id, DesktopCommand session, DesktopCommand readyProbe, Map<String, String> binaries,
                    Map<String, String> environment, List<String> configFiles) {
        this.id = id;
        this.session = session;
        this.readyProbe = readyProbe;
        this.binaries = binaries;
        this.environment = environment;
        this.configFiles = configFiles;
    }

    static DesktopTemplate of(String name) {
        for (DesktopTemplate t : values()) {
            if (t.id.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new InvalidInputException("unknown template \"" + name + "\" for the local provider: use "
                + List.of(DESKTOP.id, MINIMAL.id));
    }

    String id() {
        return id;
    }

    DesktopCommand session() {
        return session;
    }

    /** Exits 0 once the session has drawn its screen. */
    DesktopCommand readyProbe() {
        return readyProbe;
    }

    /** Variables every process of the sandbox gets, on top of the sandbox's own. */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * Files the session reads from the sandbox's first XDG config directory, as paths relative to
     * it; each is a resource under {@code session/} next to this class.
     */
    List<String> configFiles() {
        return configFiles;
    }

    /** The session's own programs, beyond {@link #COMMON_BINARIES}, with their Debian packages. */
    Map<String, String> sessionBinaries() {
        return binaries;
    }

    Map<String, String> requiredBinaries() {
        Map<String, String> all = new LinkedHashMap<>(COMMON_BINARIES);
        all.putAll(binaries);
        return all;
    }
}
