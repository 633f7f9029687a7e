package io.vmservice.provider.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log files of one sandbox: Xvfb's, the session's and one per background process. */
final class SandboxLogs {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxLogs.class);
    private static final int MAX_PER_FILE = 20_000;
    private static final int MAX_TAIL = 4000;

    private final String name;
    private final Path directory;

    SandboxLogs(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** Every log, each under its file name and cut to its last characters; empty once the directory is gone. */
    String all() {
        StringBuilder all = new StringBuilder();
        try (var entries = Files.list(directory)) {
            for (Path log : entries.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                String text = ProcessRunner.read(log);
                all.append("==> ").append(log.getFileName()).append(" <==\n")
                        .append(text.length() > MAX_PER_FILE ? text.substring(text.length() - MAX_PER_FILE) : text);
                if (!text.endsWith("\n")) {
                    all.append('\n');
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        return all.toString();
    }

    /** A reused sandbox's logs start empty, as a new one's; the session keeps appending to its files. */
    void clear() {
        try (var entries = Files.list(directory)) {
            for (Path log : entries.filter(p -> p.toString().endsWith(".log")).toList()) {
                if (log.getFileName().toString().startsWith("bg-")) {
                    Files.deleteIfExists(log);
                } else {
                    Files.write(log, new byte[0]);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot clear the logs of sandbox {}: {}", name, e.getMessage());
        }
    }

    /** The end of these logs, to append to an error message; empty when there are none. */
    static String tail(String logs) {
        if (logs.isBlank()) {
            return "";
        }
        String tail = logs.length() > MAX_TAIL ? logs.substring(logs.length() - MAX_TAIL) : logs;
        return "\nsandbox logs (last lines):\n" + tail;
    }
}
