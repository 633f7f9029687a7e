package io.vmservice.desktop;

import io.vmservice.SandboxOperations;
import io.vmservice.internal.ShellQuote;

/** The files of one sandbox, as the desktop DSL offers them: {@code desktop.files().read(path)}. */
public final class DesktopFiles {

    private final SandboxOperations operations;
    private final String sandboxId;

    DesktopFiles(SandboxOperations operations, String sandboxId) {
        this.operations = operations;
        this.sandboxId = sandboxId;
    }

    /** A text file's content (UTF-8). */
    public String read(String path) {
        return operations.readFile(sandboxId, path);
    }

    public byte[] readBytes(String path) {
        return operations.readFileBytes(sandboxId, path);
    }

    public DesktopFiles write(String path, String content) {
        operations.writeFile(sandboxId, path, content);
        return this;
    }

    public DesktopFiles write(String path, byte[] content) {
        operations.writeFile(sandboxId, path, content);
        return this;
    }

    public boolean exists(String path) {
        return operations.runCommand(sandboxId, "test -e " + ShellQuote.quote(path)).exitCode() == 0;
    }
}
