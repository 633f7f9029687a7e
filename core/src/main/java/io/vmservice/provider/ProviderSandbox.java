package io.vmservice.provider;

import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Screenshot;
import java.time.Duration;

/** One live sandbox as a provider sees it: a place to run programs, hold files and show a screen. */
public interface ProviderSandbox extends AutoCloseable {

    String id();

    SandboxConfig config();

    /** Runs a program directly (no shell) and waits for it; killed at the timeout. */
    CommandResult exec(DesktopCommand command, Duration timeout);

    /**
     * Runs an input command (xdotool, xrandr) or an accessibility query
     * ({@code AccessibilityHelper.query}) and waits for it, with {@link #exec}'s result and errors.
     * Providers that keep an input channel and an accessibility server open in the sandbox send
     * it there; elsewhere a query runs as a program the sandbox lacks (exit 127).
     */
    default CommandResult input(DesktopCommand command, Duration timeout) {
        return exec(command, timeout);
    }

    /** Runs a shell command line with bash and waits for it; killed at the timeout. */
    CommandResult run(String commandLine, Duration timeout);

    /** Starts a program that keeps running after this call returns (an application, a server). */
    BackgroundProcess startBackground(DesktopCommand command);

    void writeFile(String path, byte[] content);

    byte[] readFile(String path);

    /** The screen as it is now. */
    Screenshot screenshot();

    /** Shares the screen live through noVNC; a second call while one runs is refused. */
    default StreamInfo startStream(StreamConfig config) {
        throw new ProviderUnavailableException("live streams are not supported by this provider");
    }

    /** Ends the live stream, if one runs. */
    default void stopStream() {
        // Nothing runs where streams are not supported.
    }

    boolean isAlive();

    /** The sandbox's own logs (display server, session), for failure reports. */
    String logs();

    /** Destroys the sandbox and everything running in it. Calling it again does nothing. */
    @Override
    void close();
}
