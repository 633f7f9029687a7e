package io.vmservice.provider.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Brings a used sandbox back to the state it booted in, for its next test, by the record of that
 * state taken right after boot ({@link DesktopBaseline}).
 */
final class SandboxRecycling {

    private final LocalSandbox sandbox;
    private final DesktopBaseline baseline;
    private final Path paths;
    private final SandboxStream stream;
    private final Runnable stopHelpers;
    private final SandboxLogs logs;

    private SandboxRecycling(LocalSandbox sandbox, DesktopBaseline baseline, Path paths, SandboxStream stream,
                             Runnable stopHelpers, SandboxLogs logs) {
        this.sandbox = sandbox;
        this.baseline = baseline;
        this.paths = paths;
        this.stream = stream;
        this.stopHelpers = stopHelpers;
        this.logs = logs;
    }

    /**
     * Records the state of a sandbox just booted.
     *
     * @param paths a host file, outside what a test sees, for the list of the sandbox's paths
     * @param stopHelpers ends the input helpers a test started, so the next test starts its own
     */
    static SandboxRecycling capture(LocalSandbox sandbox, Path paths, SandboxStream stream, Runnable stopHelpers,
                                    SandboxLogs logs) {
        return new SandboxRecycling(sandbox, DesktopBaseline.capture(sandbox, paths), paths, stream, stopHelpers, logs);
    }

    /**
     * Ends every process started since boot, deletes every file written since, releases input,
     * and checks the whole of it.
     *
     * @return empty when it is ready for reuse; otherwise why not, and it must be closed
     */
    synchronized Optional<String> recycle() {
        if (!sandbox.isAlive()) {
            return Optional.of("it is not running");
        }
        if (stream.isStarted()) {
            return Optional.of("it streamed its screen");
        }
        stopHelpers.run();
        Optional<String> difference = baseline.restore(sandbox, paths);
        if (difference.isEmpty()) {
            logs.clear();
        }
        return difference;
    }
}
