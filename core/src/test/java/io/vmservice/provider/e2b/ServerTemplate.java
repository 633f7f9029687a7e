package io.vmservice.provider.e2b;

import java.util.Set;

/**
 * What one of the protocol server's templates has, as E2B's templates differ in what they install,
 * and how its xfce4 session behaves.
 *
 * @param missingPrograms programs the template lacks: they answer "command not found"
 * @param session how {@code startxfce4} behaves in its sandboxes
 */
record ServerTemplate(Set<String> missingPrograms, Session session) {

    /** How a template's xfce4 session comes up; the faulty ones are what a crowded host shows now and then. */
    enum Session {
        /** As installed. */
        XFCE("startxfce4"),
        /** Everything but the window manager: the panel, the desktop and the settings daemon. */
        WITHOUT_WINDOW_MANAGER("{ xfsettingsd & xfce4-panel & xfdesktop & wait; }"),
        /** The first session of a sandbox cannot open the display and ends; later ones start. */
        FAILS_FIRST_TIME("{ if [ -e /tmp/.vmservice-session-tried ]; then startxfce4;"
                + " else touch /tmp/.vmservice-session-tried; echo 'xfce4-session: Cannot open display: .' >&2; fi; }");

        private final String command;

        Session(String command) {
            this.command = command;
        }
    }

    /** A command line as this template's sandbox runs it. */
    String rewrite(String line) {
        return session == Session.XFCE ? line : line.replace("startxfce4", session.command);
    }
}
