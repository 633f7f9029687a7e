package io.vmservice.desktop;

import io.vmservice.screen.Region;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One element of a window's accessibility tree (AT-SPI2), as a screen reader sees it.
 *
 * @param role   AT-SPI's role name, e.g. {@code push button}, {@code text}, {@code check box}
 * @param name   its accessible name, usually the label a user reads; blanks collapsed
 * @param states the states it has, among {@code enabled}, {@code sensitive}, {@code focused},
 *               {@code focusable}, {@code checked}, {@code selected}, {@code editable},
 *               {@code active}, {@code expanded}, {@code visible}, {@code showing}
 * @param box    its extent on the screen, empty when the toolkit reports none
 * @param window the title of the window it is in
 * @param app    the application's accessible name, e.g. {@code mousepad}, {@code Firefox}
 * @param text   its text, for elements with AT-SPI's Text interface (fields, labels, documents)
 */
public record AccessibleElement(String role, String name, List<String> states, Optional<Region> box,
                                String window, String app, Optional<String> text) {

    public AccessibleElement {
        states = List.copyOf(states);
    }

    public boolean has(String state) {
        return states.contains(state.toLowerCase(Locale.ROOT));
    }

    /** One line for messages and tree listings: role, quoted name, states, box. */
    public String summary() {
        return role + (name.isEmpty() ? "" : " \"" + name + "\"") + " " + states
                + box.map(r -> String.format(Locale.ROOT, " at (%d,%d %dx%d)", r.x(), r.y(), r.width(), r.height()))
                        .orElse(" (no extent)");
    }
}
