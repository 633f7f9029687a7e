package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * envd's Process service: run a command line to its end, start one in the background and
 * detach, signal and list processes. Commands go through {@code /bin/bash -l -c}, as E2B's SDKs
 * send them, so the template's login profile and PATH apply.
 */
final class EnvdProcesses {

    static final String START = "process.Process/Start";
    static final String SEND_SIGNAL = "process.Process/SendSignal";
    static final String LIST = "process.Process/List";
    static final String SEND_INPUT = "process.Process/SendInput";

    /** Output beyond this is dropped, so a runaway command cannot exhaust the heap. */
    static final int MAX_CAPTURE_BYTES = 32 * 1024 * 1024;
    /** How long past its deadline a command may take before the client gives up on envd's answer. */
    static final Duration GRACE = Duration.ofSeconds(15);
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final EnvdClient envd;

    EnvdProcesses(EnvdClient envd) {
        this.envd = envd;
    }

    /**
     * Runs a command line and waits for its end. envd kills the process at the timeout (it is
     * sent as {@code Connect-Timeout-Ms}), and then this throws {@link CommandTimeoutException}
     * with the output so far.
     */
    CommandResult run(String commandLine, String cwd, Map<String, String> envs, Duration timeout) {
        String what = "run " + abbreviate(commandLine);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (ConnectStream stream = envd.serverStream(START, startRequest(commandLine, cwd, envs), timeout,
                timeout.plus(GRACE), what, ErrorCodes.PROCESS_NOT_FOUND)) {
            ProcessEvent.End end = null;
            for (JsonNode message = stream.next(); message != null; message = stream.next()) {
                ProcessEvent event = ProcessEvent.parse(message);
                if (event instanceof ProcessEvent.Data data) {
                    append(stdout, data.stdout());
                    append(stderr, data.stderr());
                } else if (event instanceof ProcessEvent.End e) {
                    end = e;
                }
            }
            if (end == null) {
                throw EnvdErrors.broken(envd.sandboxId(), what, "it ended without the process's end event", null);
            }
            return new CommandResult(end.exited() ? end.exitCode() : 128 + 9, text(stdout), text(stderr));
        } catch (InterruptedIOException e) {
            throw new CommandTimeoutException(commandLine, timeout, text(stdout), text(stderr));
        } catch (VmServiceException e) {
            if (e.errorCode().equals(EnvdErrors.DEADLINE_EXCEEDED)) {
                throw new CommandTimeoutException(commandLine, timeout, text(stdout), text(stderr));
            }
            throw e;
        }
    }

    /**
     * Starts a command line with no deadline, reads its pid and detaches: closing the stream
     * leaves the process running, and its output is discarded from then on.
     */
    long start(String commandLine, String cwd, Map<String, String> envs) {
        String what = "start " + abbreviate(commandLine);
        try (ConnectStream stream = envd.serverStream(START, startRequest(commandLine, cwd, envs), null,
                START_TIMEOUT, what, ErrorCodes.PROCESS_NOT_FOUND)) {
            for (JsonNode message = stream.next(); message != null; message = stream.next()) {
                if (ProcessEvent.parse(message) instanceof ProcessEvent.Start start) {
                    return start.pid();
                }
            }
            throw EnvdErrors.broken(envd.sandboxId(), what, "it ended before the process's start event", null);
        } catch (InterruptedIOException e) {
            throw new VmServiceException(ErrorCodes.ENVD_TIMEOUT, "envd of sandbox " + envd.sandboxId() + " did not start "
                    + abbreviate(commandLine) + " within " + START_TIMEOUT.toSeconds() + " s", Map.of(), e);
        }
    }

    /**
     * Starts a command line with its standard input open and no deadline, and returns once envd
     * has given its pid; the stream then carries its output for as long as it runs.
     */
    Attached attach(String commandLine, String cwd) {
        String what = "start " + abbreviate(commandLine);
        Map<String, Object> request = startRequest(commandLine, cwd, null);
        request.put("stdin", true);
        ConnectStream stream = null;
        try {
            // No cut-off for the whole call: it lasts as long as the process; keepalives keep reads alive.
            stream = envd.serverStream(START, request, null, Duration.ZERO, what, ErrorCodes.PROCESS_NOT_FOUND);
            for (JsonNode message = stream.next(); message != null; message = stream.next()) {
                if (ProcessEvent.parse(message) instanceof ProcessEvent.Start start) {
                    return new Attached(start.pid(), stream);
                }
            }
            throw EnvdErrors.broken(envd.sandboxId(), what, "it ended before the process's start event", null);
        } catch (InterruptedIOException e) {
            if (stream != null) {
                stream.close();
            }
            throw new VmServiceException(ErrorCodes.ENVD_TIMEOUT, "envd of sandbox " + envd.sandboxId() + " did not start "
                    + abbreviate(commandLine), Map.of(), e);
        } catch (RuntimeException e) {
            if (stream != null) {
                stream.close();
            }
            throw e;
        }
    }

    /** A process started with {@link #attach}: its pid, and the stream of its events after the start. */
    record Attached(long pid, ConnectStream events) {
    }

    /** Writes bytes to the standard input of a process started with {@link #attach}. */
    void sendInput(long pid, byte[] bytes) {
        envd.unary(SEND_INPUT, Map.of("process", Map.of("pid", pid),
                "input", Map.of("stdin", Base64.getEncoder().encodeToString(bytes))),
                "send input to process " + pid, ErrorCodes.PROCESS_NOT_FOUND);
    }

    /** Sends SIGKILL or SIGTERM; false when envd knows no such process (it has ended). */
    boolean signal(long pid, String signal) {
        try {
            envd.unary(SEND_SIGNAL, Map.of("process", Map.of("pid", pid), "signal", signal),
                    "send " + signal + " to process " + pid, ErrorCodes.PROCESS_NOT_FOUND);
            return true;
        } catch (VmServiceException e) {
            if (e.errorCode().equals(ErrorCodes.PROCESS_NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    /** The pids of the processes envd started that are still running. */
    List<Long> list() {
        JsonNode answer = envd.unary(LIST, Map.of(), "list processes", ErrorCodes.PROCESS_NOT_FOUND);
        List<Long> pids = new ArrayList<>();
        for (JsonNode process : answer.path("processes")) {
            pids.add(process.path("pid").asLong());
        }
        return pids;
    }

    static Map<String, Object> startRequest(String commandLine, String cwd, Map<String, String> envs) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("cmd", "/bin/bash");
        process.put("args", List.of("-l", "-c", commandLine));
        if (envs != null && !envs.isEmpty()) {
            process.put("envs", envs);
        }
        if (cwd != null) {
            process.put("cwd", cwd);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("process", process);
        request.put("stdin", false);
        return request;
    }

    private static void append(ByteArrayOutputStream out, byte[] bytes) {
        int room = MAX_CAPTURE_BYTES - out.size();
        out.write(bytes, 0, Math.min(room, bytes.length));
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    static String abbreviate(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(0, 120) + "...";
    }
}
