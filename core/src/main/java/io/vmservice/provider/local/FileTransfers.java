package io.vmservice.provider.local;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.PermissionDeniedException;
import io.vmservice.exception.SandboxFileNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes and reads a sandbox's files from inside, as its user, through files staged in its log
 * directory, which only this JVM can reach. Host paths are checked first for early, typed errors.
 */
final class FileTransfers {

    /** The largest file a transfer carries: 1 GiB. */
    static final int MAX_FILE_BYTES = 1 << 30;
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(5);

    private final Supplier<String> id;
    private final SandboxLayout layout;
    private final SandboxFiles files;
    private final SandboxCommands commands;

    FileTransfers(Supplier<String> id, SandboxLayout layout, SandboxCommands commands) {
        this.id = id;
        this.layout = layout;
        this.files = new SandboxFiles(layout);
        this.commands = commands;
    }

    void write(String path, byte[] content) {
        String normalized = SandboxFiles.normalize(path);
        if (content.length > MAX_FILE_BYTES) {
            throw new InvalidInputException("cannot write " + path + ": " + content.length + " bytes is more than the "
                    + MAX_FILE_BYTES + " a file transfer carries; split it, or run a command that makes it");
        }
        Path host = files.hostPath(normalized).orElseThrow(() -> new PermissionDeniedException("cannot write " + path
                + ": only /home/user and /tmp are writable in a sandbox"));
        if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("cannot write " + path + ": it is a directory");
        }
        // The check above gives early, typed errors; the write itself happens inside, as the
        // sandbox's user. A process in the sandbox may swap a directory for a link to a host path
        // after the check: written from inside, that link leads only where the sandbox's own
        // view and rights allow, never where this JVM's would.
        Path staged = null;
        try {
            staged = Files.createTempFile(layout.logs(), "write-", ".bin");
            Files.write(staged, content);
            CommandResult r = transfer(List.of("/bin/sh", "-c", "mkdir -p -- \"$(dirname -- \"$1\")\" && cat > \"$1\"",
                    "sh", normalized), staged, Path.of("/dev/null"), "write " + path);
            if (r.exitCode() != 0) {
                throw fileError("write", path, r.stderr(), ErrorCodes.FILE_WRITE_FAILED);
            }
        } catch (IOException e) {
            throw new VmServiceException(ErrorCodes.FILE_WRITE_FAILED, "cannot write " + path + ": " + e.getMessage(),
                    Map.of("path", path), e);
        } finally {
            ProcessRunner.deleteQuietly(staged);
        }
    }

    byte[] read(String path) {
        String normalized = SandboxFiles.normalize(path);
        Path host = files.hostPath(normalized).orElse(null);
        if (host != null && !Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxFileNotFoundException("no such file in sandbox " + id.get() + ": " + path, id.get(), path);
        }
        if (host != null && !SandboxFiles.isRegularFile(host)) {
            throw new InvalidInputException("cannot read " + path + ": it is not a regular file");
        }
        // Read inside, as the sandbox's user, for the same reason as writes: a link swapped in
        // after the check must not make this JVM read a host file. One byte over the limit tells
        // a file that is too large from one that fits exactly.
        Path out = null;
        try {
            out = Files.createTempFile(layout.logs(), "read-", ".bin");
            CommandResult r = transfer(List.of("head", "-c", Long.toString(MAX_FILE_BYTES + 1L), "--", normalized),
                    Path.of("/dev/null"), out, "read " + path);
            if (r.exitCode() != 0) {
                throw fileError("read", path, r.stderr(), ErrorCodes.FILE_READ_FAILED);
            }
            if (Files.size(out) > MAX_FILE_BYTES) {
                throw new InvalidInputException("cannot read " + path + ": it is larger than the " + MAX_FILE_BYTES
                        + " bytes a file transfer carries; run a command that splits or compresses it");
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new VmServiceException(ErrorCodes.FILE_READ_FAILED, "cannot read " + path + ": " + e.getMessage(),
                    Map.of("path", path), e);
        } finally {
            ProcessRunner.deleteQuietly(out);
        }
    }

    /**
     * Runs a file transfer inside the sandbox with its input and output on host files in the
     * sandbox's log directory, which only this JVM can reach.
     */
    private CommandResult transfer(List<String> argv, Path in, Path out, String description) {
        return commands.run(argv, in, out, FILE_TIMEOUT, description);
    }

    /** Turns what a failed transfer printed into the exception a caller can act on. */
    private VmServiceException fileError(String action, String path, String stderr, String code) {
        String reason = stderr.trim();
        String message = "cannot " + action + " " + path + " in sandbox " + id.get() + ": " + reason;
        if (reason.contains("No such file") || reason.contains("Not a directory")) {
            return new SandboxFileNotFoundException("no such file in sandbox " + id.get() + ": " + path + " (" + reason + ")",
                    id.get(), path);
        }
        if (reason.contains("Read-only file system") || reason.contains("Permission denied")) {
            return new PermissionDeniedException(message);
        }
        if (reason.contains("Is a directory")) {
            return new InvalidInputException(message);
        }
        return new VmServiceException(code, message, Map.of("path", path), null);
    }
}
