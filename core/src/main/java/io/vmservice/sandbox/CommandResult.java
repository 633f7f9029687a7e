package io.vmservice.sandbox;

/** How a command inside a sandbox ended: its exit code and everything it printed. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
