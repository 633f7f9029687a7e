package io.vmservice.exception;

import java.time.Duration;
import java.util.Map;

/** A command inside a sandbox ran past its timeout and was killed; its output so far is kept. */
public class CommandTimeoutException extends VmServiceException {

    private final Duration timeout;
    private final String stdout;
    private final String stderr;

    public CommandTimeoutException(String command, Duration timeout, String stdout, String stderr) {
        super(ErrorCodes.COMMAND_TIMEOUT, "command timed out after " + timeout.toMillis() + " ms and was killed: "
                + abbreviate(command), Map.of("timeout_ms", timeout.toMillis()), null);
        this.timeout = timeout;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public Duration timeout() {
        return timeout;
    }

    /** What the command printed before it was killed. */
    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    private static String abbreviate(String command) {
        return command.length() <= 200 ? command : command.substring(0, 200) + "...";
    }
}
