package io.vmservice.provider.e2b;

import io.vmservice.sandbox.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A process the protocol server started in a sandbox for {@code Process/Start}: its real pid in
 * the sandbox's PID namespace (read from a file the wrapper writes before it execs the command)
 * and how it ended.
 *
 * @param timeout the Connect deadline, or null when the process may run as long as the sandbox
 * @param attached the process with pipes to its standard input and output when it was started
 *     with its standard input open, else null (its output is then read when it ends)
 */
record ServerProcess(long pid, String cmd, List<String> args, Map<String, String> envs, String cwd, Duration timeout,
                     CompletableFuture<CommandResult> result, Process attached) {

    boolean running() {
        return !result.isDone();
    }
}
