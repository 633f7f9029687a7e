package io.vmservice.screen;

import java.util.Locale;

/**
 * A window the window manager shows, as a person would name it: its title, and the two parts of
 * its X class (the instance, e.g. "xcalc", and the class, e.g. "XCalc").
 *
 * @param id        the X window id, decimal, as xdotool prints it
 * @param title     the title, empty when the window has none
 * @param instance  the first part of WM_CLASS, empty when unset
 * @param className the second part of WM_CLASS, empty when unset
 */
public record WindowInfo(String id, String title, String instance, String className) {

    /** True when the class or instance is this name (ignoring case) or the title contains the text. */
    public boolean matches(String titleOrClass) {
        return instance.equalsIgnoreCase(titleOrClass) || className.equalsIgnoreCase(titleOrClass)
                || title.contains(titleOrClass);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "\"%s\" (class %s, id %s)", title,
                className.isEmpty() ? "none" : instance + "/" + className, id);
    }
}
