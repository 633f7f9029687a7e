package io.vmservice.provider.local;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.sandbox.CommandResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host process to completion with a timeout, capturing its output. At the timeout the
 * process and all its descendants are killed, so nothing started by a command outlives it.
 *
 * <p>Output goes to files rather than pipes: a command that leaves a background child holding
 * its stdout open must not make the caller wait for that child.
 */
final class ProcessRunner {

    /** Output beyond this is not read back, so a runaway command cannot exhaust the heap. */
    static final int MAX_CAPTURE_BYTES = 32 * 1024 * 1024;

    private ProcessRunner() {
    }

    static CommandResult run(List<String> argv, Map<String, String> environment, Duration timeout,
                             Path scratchDir, String description) {
        return run(argv, environment, Path.of("/dev/null"), null, timeout, scratchDir, description);
    }

    /**
     * Runs a command with its standard input from a file and, when {@code output} is not null,
     * its standard output into a file (the result's stdout is then empty).
     */
    static CommandResult run(List<String> argv, Map<String, String> environment, Path in, Path output,
                             Duration timeout, Path scratchDir, String description) {
        Path out = null;
        Path err = null;
        try {
            out = output != null ? output : Files.createTempFile(scratchDir, "cmd-", ".out");
            err = Files.createTempFile(scratchDir, "cmd-", ".err");
            Process process = start(argv, environment, in, out, err);
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(process.toHandle());
                Thread.currentThread().interrupt();
                throw new CommandTimeoutException(description, timeout, captured(out, output), "interrupted");
            }
            if (!finished) {
                killTree(process.toHandle());
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandTimeoutException(description, timeout, captured(out, output), read(err));
            }
            return new CommandResult(process.exitValue(), captured(out, output), read(err));
        } catch (IOException e) {
            throw new ProviderUnavailableException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException(description, timeout, "", "interrupted");
        } finally {
            if (output == null) {
                deleteQuietly(out);
            }
            deleteQuietly(err);
        }
    }

    /** What a command printed, unless it printed into the caller's file, which stays the caller's. */
    private static String captured(Path out, Path output) {
        return output != null ? "" : read(out);
    }

    static Process start(List<String> argv, Map<String, String> environment, Path out, Path err) {
        return start(argv, environment, Path.of("/dev/null"), out, err);
    }

    static Process start(List<String> argv, Map<String, String> environment, Path in, Path out, Path err) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(in.toFile()));
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ProviderUnavailableException("cannot start " + argv.get(0) + ": " + e.getMessage() + LocalDoctor.HINT, e);
        }
    }

    /**
     * Kills a process and everything it started, children first so none is reparented and missed.
     * The root gets a moment to collect its children itself (nsenter does, then exits): killed
     * with them, it would leave them as zombies for the host's init, which may take a second.
     */
    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            root.onExit().get(100, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // Still running: killed below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        root.destroyForcibly();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_CAPTURE_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A scratch file left behind is removed with the sandbox's directory.
            }
        }
    }
}
