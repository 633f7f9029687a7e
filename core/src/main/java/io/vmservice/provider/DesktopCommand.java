package io.vmservice.provider;

import io.vmservice.internal.ShellQuote;
import java.util.List;

/**
 * One program invocation inside a sandbox, as an argument vector. The local provider executes the
 * vector directly; the E2B provider sends {@link #commandLine()} to a shell, as E2B's SDK does.
 */
public record DesktopCommand(List<String> argv) {

    public DesktopCommand {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        argv = List.copyOf(argv);
    }

    public static DesktopCommand of(String... argv) {
        return new DesktopCommand(List.of(argv));
    }

    /** The command as one shell-safe line: every argument reaches the program literally. */
    public String commandLine() {
        return ShellQuote.join(argv);
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
