package io.vmservice.provider.e2b;

import static org.awaitility.Awaitility.await;

import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.local.AttachedProcesses;
import io.vmservice.sandbox.CommandResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One E2B sandbox inside the protocol server: the control plane's record of it, and behind it a
 * real local sandbox (bubblewrap namespaces, its own network namespace) in which envd's
 * processes and files really run. The local sandbox's own display is not used: the E2B
 * provider starts Xvfb on :0 and xfce4 itself, as E2B's desktop SDK does, and they really run.
 */
final class ServerSandbox {

    /** Processes run for as long as the sandbox when the client set no deadline. */
    private static final Duration NO_DEADLINE = Duration.ofHours(24);
    private static final String HOME = "/home/user";

    final String id;
    final String templateId;
    final Map<String, String> metadata;
    final Map<String, String> envVars;
    final Instant startedAt;
    final ServerTemplate template;
    volatile String accessToken;
    volatile Instant endAt;

    private final Supplier<ProviderSandbox> boot;
    private ProviderSandbox local;
    private boolean closed;
    private final ExecutorService executor;
    private final Map<Long, ServerProcess> processes = new ConcurrentHashMap<>();
    private final AtomicInteger starts = new AtomicInteger();

    ServerSandbox(String id, String templateId, Map<String, String> metadata, Map<String, String> envVars,
                  String accessToken, Duration timeout, ServerTemplate template, Supplier<ProviderSandbox> boot,
                  ExecutorService executor) {
        this.id = id;
        this.templateId = templateId;
        this.metadata = Map.copyOf(metadata);
        this.envVars = Map.copyOf(envVars);
        this.accessToken = accessToken;
        this.startedAt = Instant.now();
        this.endAt = startedAt.plus(timeout);
        this.template = template;
        this.boot = boot;
        this.executor = executor;
    }

    /**
     * The local sandbox behind this one, booted on first use: control-plane tests that never
     * reach envd need no desktop machinery at all.
     */
    synchronized ProviderSandbox local() {
        if (closed) {
            throw new io.vmservice.exception.SandboxNotFoundException(id);
        }
        if (local == null) {
            local = boot.get();
        }
        return local;
    }

    /**
     * Starts {@code cmd args} the way envd does: sandbox env vars, then the request's, in
     * {@code cwd}; killed at {@code timeout}. The wrapper writes its pid, then execs the command,
     * so the pid is the command's own. With {@code stdin}, the process's standard input and
     * output are pipes to this server, as envd's are, and its output is read as it comes.
     */
    ServerProcess start(String cmd, List<String> args, Map<String, String> envs, String cwd, Duration timeout,
                        boolean stdin) {
        String line = args.size() == 3 && args.get(0).equals("-l") && args.get(1).equals("-c") ? args.get(2) : "";
        String program = line.strip().split("\\s+", 2)[0];
        List<String> argv = new ArrayList<>();
        // Unset: the local sandbox behind this one sets it for its own session, E2B's do not have it.
        argv.addAll(List.of("env", "-u", "NO_AT_BRIDGE"));
        Map<String, String> env = new LinkedHashMap<>(envVars);
        env.putAll(envs);
        env.forEach((k, v) -> argv.add(k + "=" + v));
        String pidFile = "/tmp/.envd-pid-" + starts.incrementAndGet();
        argv.addAll(List.of("sh", "-c", "echo $$ > \"$1\"; cd \"$2\" || exit 1; shift 2; exec \"$@\"", "envd", pidFile,
                resolve(cwd)));
        if (template.missingPrograms().contains(program)) {
            // This template lacks the program: answer as bash does for an unknown command.
            argv.addAll(List.of("sh", "-c", "echo \"bash: line 1: $0: command not found\" >&2; exit 127", program));
        } else {
            argv.add(cmd);
            argv.addAll(line.isEmpty() ? args : List.of("-l", "-c", template.rewrite(line)));
        }
        Process attached = null;
        CompletableFuture<CommandResult> result;
        if (stdin) {
            attached = AttachedProcesses.attach(local(), argv);
            result = attached.onExit().thenApply(p -> new CommandResult(p.exitValue(), "", ""));
        } else {
            Duration limit = timeout != null ? timeout : NO_DEADLINE;
            result = CompletableFuture.supplyAsync(() -> local().exec(new DesktopCommand(argv), limit), executor);
        }
        CompletableFuture<CommandResult> ending = result;
        long pid = await("the pid of " + cmd).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .pollInSameThread().failFast("the process ended before it wrote its pid", () -> ending.isDone() && readPid(pidFile) < 0)
                .until(() -> readPid(pidFile), p -> p > 0);
        ServerProcess process = new ServerProcess(pid, cmd, args, envs, cwd, timeout, result, attached);
        processes.put(pid, process);
        result.whenComplete((r, e) -> processes.remove(pid, process));
        return process;
    }

    /** How many processes envd was asked to start in this sandbox. */
    int startCount() {
        return starts.get();
    }

    List<ServerProcess> running() {
        return processes.values().stream().filter(ServerProcess::running).toList();
    }

    ServerProcess process(long pid) {
        return processes.get(pid);
    }

    /** Sends a signal to a process in the sandbox's PID namespace. */
    void signal(long pid, String signal) {
        String name = signal.equals("SIGNAL_SIGTERM") || signal.equals("15") ? "TERM" : "KILL";
        local().exec(DesktopCommand.of("kill", "-" + name, Long.toString(pid)), Duration.ofSeconds(5));
    }

    /** Runs a helper command for the Filesystem service. */
    CommandResult shell(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "fs"));
        argv.addAll(List.of(args));
        return local().exec(new DesktopCommand(argv), Duration.ofSeconds(10));
    }

    static String resolve(String path) {
        if (path == null || path.isEmpty()) {
            return HOME;
        }
        return path.startsWith("/") ? path : HOME + "/" + path;
    }

    private long readPid(String pidFile) {
        try {
            String text = new String(local().readFile(pidFile), StandardCharsets.US_ASCII);
            return text.endsWith("\n") ? Long.parseLong(text.trim()) : -1;
        } catch (VmServiceException | NumberFormatException notYet) {
            return -1;
        }
    }

    synchronized void close() {
        closed = true;
        if (local != null) {
            local.close();
        }
    }
}
