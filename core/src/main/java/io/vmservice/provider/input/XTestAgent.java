package io.vmservice.provider.input;

import io.vmservice.internal.ShellQuote;

/**
 * The input helper that does the input actions itself: {@code xtest_agent.py}, a Python program
 * (standard library only) that keeps one X connection and sends xdotool's own event sequences
 * through XTEST, so a move, click, key or typed chunk costs an X round trip instead of a process.
 * It speaks {@link InputHelper}'s protocol byte for byte and runs every command it does not do
 * itself as a program, as the bash loop does. Sandboxes whose python3 cannot load it (none,
 * too old, no libX11 or libXtst) get the bash loop instead.
 */
final class XTestAgent {

    /** The program name the agent runs under, so the sandbox's process list shows what it is. */
    static final String NAME = "vmservice-input";

    private static final String SOURCE = HelperProgram.bundled("xtest_agent.py");

    private XTestAgent() {
    }

    /**
     * A bash script that replaces itself with the agent when python3 can run it, and otherwise
     * goes on with {@code fallback}. The check runs the agent's own source, so a Python that cannot
     * compile or load it is found before the channel's first byte is read.
     */
    static String startOr(String fallback) {
        return String.join("\n",
                "agent=" + ShellQuote.quote(SOURCE),
                "if python3 -S -c \"$agent\" --check </dev/null >/dev/null 2>&1; then",
                "  exec python3 -S -c \"$agent\" " + NAME,
                "fi",
                fallback);
    }
}
