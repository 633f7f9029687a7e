package io.vmservice.provider.e2b;

import java.util.Set;

/**
 * What one of the protocol server's templates has, as E2B's templates differ in what they install.
 *
 * @param missingPrograms programs the template lacks: they answer "command not found"
 * @param windowManager false for a template whose xfce4 session starts everything but its window
 *     manager (the panel, the desktop and the settings daemon, each in the background)
 */
record ServerTemplate(Set<String> missingPrograms, boolean windowManager) {

    private static final String SESSION_WITHOUT_WINDOW_MANAGER = "{ xfsettingsd & xfce4-panel & xfdesktop & wait; }";

    /** A command line as this template's sandbox runs it. */
    String session(String line) {
        return windowManager ? line : line.replace("startxfce4", SESSION_WITHOUT_WINDOW_MANAGER);
    }
}
