package io.vmservice.provider.input;

import io.vmservice.internal.ShellQuote;
import io.vmservice.provider.DesktopCommand;

/**
 * The accessibility server at the sandbox end of an accessibility channel: {@code atspi.py}, a
 * Python program on AT-SPI's GObject bindings that imports them once and then answers queries
 * for as long as the sandbox runs, in {@link InputHelper}'s protocol. It keeps its last answers
 * and counts AT-SPI's change events, so a query repeated over an unchanged tree is answered
 * without walking the tree again (the script's docstring says how that stays correct).
 */
public final class AccessibilityHelper {

    /** The first argument of every accessibility query. */
    public static final String PROGRAM_NAME = "vmservice-atspi";

    private AccessibilityHelper() {
    }

    /** The query {@code mode} ("find" or "tree") with its JSON, as a command for {@code ProviderSandbox.input}. */
    public static DesktopCommand query(String mode, String queryJson) {
        return DesktopCommand.of(PROGRAM_NAME, mode, queryJson);
    }

    /**
     * Says what is missing when python3 is, since no Python can answer that; the server's last
     * argument names it in process lists.
     */
    static String script() {
        return "command -v python3 >/dev/null 2>&1 || { echo 'python3 is missing from the sandbox:"
                + " apt-get install -y python3 python3-pyatspi' >&2; exit 127; }\n"
                + "exec python3 -c " + ShellQuote.quote(HelperProgram.bundled("atspi.py")) + " " + PROGRAM_NAME + "\n";
    }
}
