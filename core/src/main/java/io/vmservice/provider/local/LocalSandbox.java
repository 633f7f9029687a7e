package io.vmservice.provider.local;

import static org.awaitility.Awaitility.await;

import io.vmservice.CommandResult;
import io.vmservice.SandboxConfig;
import io.vmservice.StreamConfig;
import io.vmservice.StreamInfo;
import io.vmservice.desktop.DesktopCommand;
import io.vmservice.desktop.DesktopCommands;
import io.vmservice.desktop.Screenshot;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.input.HelperProgram;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.provider.input.InputTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A desktop sandbox on this machine: Xvfb inside bubblewrap namespaces, a session on top, and
 * every further command run in the same namespaces through {@code nsenter}.
 */
final class LocalSandbox implements ProviderSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);
    private static final AtomicInteger NEXT_DISPLAY = new AtomicInteger(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final int BLACK = 0xFF000000;

    private final String name;
    private final DesktopTemplate template;
    private final SandboxLayout layout;
    private final SandboxUser user;
    private final CgroupLimits cgroups;
    private final int display;
    private final Framebuffer framebuffer;
    private final SandboxCommands commands;
    private final FileTransfers transfers;
    private final InputChannel input;
    private final InputChannel accessibility;
    private final List<Process> background = new CopyOnWriteArrayList<>();
    private volatile Process session;
    private final AtomicInteger backgroundCount = new AtomicInteger();
    private volatile Process root;
    private LocalStream stream;
    private volatile long namespacePid;
    private volatile boolean closed;
    // A warm sandbox gets its caller's id and configuration when it is handed out.
    private volatile String id;
    private volatile SandboxConfig config;
    private volatile String owner;
    /** Set when the sandbox may be reused after a test: the state it booted in. */
    private DesktopBaseline baseline;

    private LocalSandbox(String name, SandboxConfig config, DesktopTemplate template, SandboxLayout layout,
                         SandboxUser user, CgroupLimits cgroups) {
        this.name = name;
        this.id = name;
        this.config = config;
        this.template = template;
        this.layout = layout;
        this.user = user;
        this.cgroups = cgroups;
        this.display = NEXT_DISPLAY.getAndIncrement();
        this.framebuffer = new Framebuffer(layout.framebufferDir().resolve("Xvfb_screen0"));
        this.commands = new SandboxCommands(layout, cgroups, display, template.environment(), () -> this.config,
                () -> this.namespacePid);
        this.transfers = new FileTransfers(() -> this.id, layout, commands);
        this.input = new InputChannel(HelperProgram.INPUT, () -> this.id, this::openHelper, this::ensureAlive);
        this.accessibility = new InputChannel(HelperProgram.ACCESSIBILITY, () -> this.id, this::openHelper,
                this::ensureAlive);
    }

    /**
     * Boots a sandbox and returns it once its session has drawn and its display takes input.
     *
     * @param name its id until {@link #handOut} gives it another, and for good the name of its
     *     directory and cgroups
     * @param recyclable records its state after boot, so that {@link #recycle} can bring it back
     */
    static LocalSandbox boot(String name, SandboxConfig config, DesktopTemplate template, Path baseDir,
                             Duration bootTimeout, boolean recyclable) {
        SandboxUser user = SandboxUser.allocate();
        SandboxLayout layout = SandboxLayout.create(baseDir, name, user, template.configFiles());
        CgroupLimits cgroups = CgroupLimits.create(name, config.cpuCount(), config.memoryMb());
        LocalSandbox sandbox = new LocalSandbox(name, config, template, layout, user, cgroups);
        try {
            sandbox.startDisplay(baseDir, bootTimeout);
            sandbox.startSession(bootTimeout);
            if (recyclable) {
                sandbox.baseline = DesktopBaseline.capture(sandbox, sandbox.baselinePaths());
            }
            return sandbox;
        } catch (RuntimeException e) {
            String logs = sandbox.logs();
            sandbox.close();
            if (e instanceof SandboxCreationException creation) {
                throw new SandboxCreationException(creation.getMessage() + logsSuffix(logs), creation.getCause());
            }
            throw new SandboxCreationException("sandbox " + name + " did not start: " + e.getMessage()
                    + logsSuffix(logs), e);
        }
    }

    private void startDisplay(Path baseDir, Duration bootTimeout) {
        ProcessBuilder builder = new ProcessBuilder(cgroups.wrap(Bubblewrap.argv(layout, user, baseDir, display,
                config.resolution(), config.allowInternetAccess())));
        builder.environment().clear();
        builder.environment().putAll(commands.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("xvfb.log").toFile()));
        root = Spawner.start(builder);
        String announced = readDisplayNumber(bootTimeout);
        if (!Integer.toString(display).equals(announced)) {
            throw new SandboxCreationException("display server of sandbox " + id + " exited before it accepted"
                    + " clients (announced \"" + announced + "\")");
        }
        namespacePid = await("the sandbox's first process").atMost(Duration.ofSeconds(5))
                .pollInSameThread().pollInterval(Duration.ofMillis(5))
                .until(() -> root.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(0L),
                        pid -> pid > 0);
    }

    private String readDisplayNumber(Duration timeout) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(root.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String value = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return value == null ? "" : value.trim();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SandboxCreationException("display server of sandbox " + id + " did not accept clients within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxCreationException("interrupted while sandbox " + id + " was starting");
        } catch (java.util.concurrent.ExecutionException e) {
            return "";
        }
    }

    private void startSession(Duration bootTimeout) {
        session = startProcess(template.session(), "session");
        try {
            await("sandbox " + id + " (" + template.id() + ") to draw its session and take input")
                    .atMost(bootTimeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("the display server exited", () -> !root.isAlive())
                    .until(this::sessionReady);
        } catch (ConditionTimeoutException e) {
            throw new SandboxCreationException("sandbox " + id + " (" + template.id()
                    + ") did not draw its session within " + bootTimeout.toMillis() + " ms");
        }
        // As E2B's template does: no screen saver or power saving blanking the screen mid-test.
        exec(DesktopCommand.of("xset", "s", "off", "s", "noblank", "-dpms"), PROBE_TIMEOUT);
    }

    /** The session has drawn something and the display moves the pointer where it is told. */
    private boolean sessionReady() throws IOException {
        // The framebuffer is read in this process; the probe starts several, so it waits for a drawn screen.
        if (!hasDrawn(framebuffer.read()) || exec(template.readyProbe(), PROBE_TIMEOUT).exitCode() != 0) {
            return false;
        }
        int x = config.resolution().width() / 2;
        int y = config.resolution().height() / 2;
        if (exec(DesktopCommands.moveMouse(x, y), PROBE_TIMEOUT).exitCode() != 0) {
            return false;
        }
        CommandResult where = exec(DesktopCommands.mouseLocation(), PROBE_TIMEOUT);
        return where.exitCode() == 0 && DesktopCommands.parseMouseLocation(where.stdout()).equals(
                new io.vmservice.desktop.Point(x, y));
    }

    /** Xvfb starts with a black screen; any other pixel means the session has painted. */
    private static boolean hasDrawn(Screenshot screen) {
        var pixels = screen.pixels();
        while (pixels.hasRemaining()) {
            if (pixels.get() != BLACK) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives a warm sandbox, booted with a configuration of the same {@link PoolKey}, to a caller:
     * its id, and its configuration's CPU and memory limits from now on.
     *
     * @throws IOException when the limits cannot be applied (the session already uses more memory)
     */
    void handOut(String id, String owner, SandboxConfig config) throws IOException {
        if (!PoolKey.of(config).equals(PoolKey.of(this.config))) {
            throw new IllegalArgumentException("sandbox " + name + " was booted for " + PoolKey.of(this.config)
                    + ", not for " + PoolKey.of(config));
        }
        if (this.owner != null && !this.owner.equals(owner)) {
            throw new IllegalArgumentException("sandbox " + name + " was used by another user");
        }
        cgroups.apply(config.cpuCount(), config.memoryMb());
        this.config = config;
        this.id = id;
        this.owner = owner;
    }

    /** Records the user a sandbox booted for a caller serves; booted with its limits, it needs nothing else. */
    void assignOwner(String owner) {
        this.owner = owner;
    }

    /** The user it was handed out to, or null while it has never been used or was created without one. */
    String owner() {
        return owner;
    }

    boolean isRecyclable() {
        return baseline != null;
    }

    /**
     * Brings this used sandbox back to the state it booted in, for its next test: ends every
     * process started since, deletes every file written since, releases input, and checks the
     * whole of it (see {@link DesktopBaseline}).
     *
     * @return empty when it is ready for reuse; otherwise why not, and it must be closed
     */
    synchronized Optional<String> recycle() {
        if (baseline == null) {
            return Optional.of("it was booted without a baseline");
        }
        if (!isAlive()) {
            return Optional.of("it is not running");
        }
        if (stream != null) {
            return Optional.of("it streamed its screen");
        }
        // The next user's first action starts a helper of its own, and its first query a server.
        input.close();
        accessibility.close();
        Optional<String> difference = baseline.restore(this, baselinePaths());
        if (difference.isEmpty()) {
            this.id = name;
            clearLogs();
        }
        return difference;
    }

    private Path baselinePaths() {
        return layout.logs().resolve("baseline-paths");
    }

    /** A reused sandbox's logs start empty, as a new one's; the session keeps appending to its files. */
    private void clearLogs() {
        try (var entries = Files.list(layout.logs())) {
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

    /** Kills every process started with {@link #startBackground(DesktopCommand)}. */
    void killBackground() {
        for (Process process : background) {
            if (!process.equals(session)) {
                ProcessRunner.killTree(process.toHandle());
                background.remove(process);
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The name of its directory and cgroups, which its id does not change. */
    String name() {
        return name;
    }

    @Override
    public SandboxConfig config() {
        return config;
    }

    int display() {
        return display;
    }

    long namespacePid() {
        return namespacePid;
    }

    Path directory() {
        return layout.root();
    }

    CgroupLimits cgroups() {
        return cgroups;
    }

    @Override
    public CommandResult exec(DesktopCommand command, Duration timeout) {
        ensureAlive();
        return commands.run(command.argv(), timeout, command.commandLine());
    }

    /**
     * Runs a command inside with its standard input from a host file (null: none) and, when
     * {@code output} is not null, its standard output into a host file.
     */
    CommandResult exec(DesktopCommand command, Path input, Path output, Duration timeout) {
        ensureAlive();
        return commands.run(command.argv(), input == null ? Path.of("/dev/null") : input, output, timeout,
                command.commandLine());
    }

    /**
     * Input commands go through the sandbox's {@link InputChannel}, accessibility queries through
     * its accessibility server's channel, each started on its first command.
     */
    @Override
    public CommandResult input(DesktopCommand command, Duration timeout) {
        InputChannel channel = InputChannel.carrying(command, input, accessibility);
        if (channel == null) {
            return exec(command, timeout);
        }
        ensureAlive();
        return channel.run(command, timeout);
    }

    /** Starts a process attached to this JVM by pipes: its input helper, or any process that reads its input. */
    Process attach(List<String> argv) {
        ensureAlive();
        return commands.attach(argv);
    }

    InputChannel inputChannel() {
        return input;
    }

    InputChannel accessibilityChannel() {
        return accessibility;
    }

    private InputTransport openHelper(HelperProgram program, InputTransport.Output output) {
        Process helper = attach(List.of("/bin/bash", "--noprofile", "--norc", "-c", program.script(), program.name()));
        return LocalInputTransport.start(helper, program.name() + "-" + name, output);
    }

    @Override
    public CommandResult run(String commandLine, Duration timeout) {
        if (commandLine == null || commandLine.isBlank() || commandLine.indexOf('\0') >= 0) {
            throw new InvalidInputException("a command must be non-empty text without NUL characters");
        }
        ensureAlive();
        return commands.run(List.of("/bin/bash", "-c", commandLine), timeout, commandLine);
    }

    @Override
    public BackgroundProcess startBackground(DesktopCommand command) {
        return startBackground(command, "bg-" + backgroundCount.incrementAndGet());
    }

    private BackgroundProcess startBackground(DesktopCommand command, String logName) {
        return new LocalBackgroundProcess(startProcess(command, logName));
    }

    private Process startProcess(DesktopCommand command, String logName) {
        ensureAlive();
        Path log = layout.logs().resolve(logName + ".log");
        Process process = commands.start(command.argv(), log);
        background.add(process);
        return process;
    }

    @Override
    public void writeFile(String path, byte[] content) {
        ensureAlive();
        transfers.write(path, content);
    }

    @Override
    public byte[] readFile(String path) {
        ensureAlive();
        return transfers.read(path);
    }

    @Override
    public Screenshot screenshot() {
        ensureAlive();
        try {
            return framebuffer.read();
        } catch (IOException e) {
            if (!isAlive()) {
                throw new SandboxNotFoundException(id);
            }
            throw new UncheckedIOException("cannot read the framebuffer of sandbox " + id, e);
        }
    }

    @Override
    public synchronized StreamInfo startStream(StreamConfig streamConfig) {
        ensureAlive();
        if (stream != null && stream.isAlive()) {
            throw new VmServiceException(ErrorCodes.STREAM_ALREADY_RUNNING, "a stream of sandbox " + id + " is already running;"
                    + " stop it first", Map.of("sandbox_id", id), null);
        }
        stream = LocalStream.start(this, layout, user, display, streamConfig);
        return stream.info();
    }

    @Override
    public synchronized void stopStream() {
        if (stream != null) {
            stream.stop();
            stream = null;
        }
    }

    @Override
    public boolean isAlive() {
        return !closed && root != null && root.isAlive();
    }

    @Override
    public String logs() {
        StringBuilder all = new StringBuilder();
        try (var entries = Files.list(layout.logs())) {
            for (Path log : entries.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                String text = ProcessRunner.read(log);
                all.append("==> ").append(log.getFileName()).append(" <==\n")
                        .append(text.length() > 20_000 ? text.substring(text.length() - 20_000) : text);
                if (!text.endsWith("\n")) {
                    all.append('\n');
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        return all.toString();
    }

    /** Host pids of every process in this sandbox's PID namespace, found by its namespace inode. */
    List<Long> processes() {
        String ns = pidNamespace(namespacePid);
        List<Long> pids = new ArrayList<>();
        if (ns == null) {
            return pids;
        }
        ProcessHandle.allProcesses().forEach(p -> {
            if (ns.equals(pidNamespace(p.pid()))) {
                pids.add(p.pid());
            }
        });
        return pids;
    }

    static String pidNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        input.close();
        accessibility.close();
        stopStream();
        String ns = namespacePid > 0 ? pidNamespace(namespacePid) : null;
        if (root != null) {
            if (namespacePid > 0) {
                // Ending the namespace's first process ends the namespace: the kernel kills every
                // process inside, that first process reaps them, and bwrap, still alive outside,
                // reaps it and exits. Killing bwrap first would leave them to the host's init,
                // which may take seconds to reap them.
                ProcessHandle.of(namespacePid).ifPresent(ProcessHandle::destroyForcibly);
                try {
                    root.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ProcessRunner.killTree(root.toHandle());
        }
        background.forEach(p -> ProcessRunner.killTree(p.toHandle()));
        if (ns != null) {
            try {
                await("processes of sandbox " + id + " to exit").atMost(Duration.ofSeconds(5))
                        .pollInSameThread().pollInterval(Duration.ofMillis(20))
                        .until(() -> ProcessHandle.allProcesses().noneMatch(p -> ns.equals(pidNamespace(p.pid()))));
            } catch (ConditionTimeoutException e) {
                LOG.warn("processes of sandbox {} still running after destroy", id);
            }
        }
        cgroups.release();
        try {
            layout.delete();
        } catch (UncheckedIOException e) {
            LOG.warn("cannot remove directory of sandbox {}: {}", id, e.getMessage());
        }
    }

    private void ensureAlive() {
        if (closed || root == null || !root.isAlive()) {
            throw new SandboxNotFoundException(id);
        }
    }

    private static String logsSuffix(String logs) {
        if (logs.isBlank()) {
            return "";
        }
        String tail = logs.length() > 4000 ? logs.substring(logs.length() - 4000) : logs;
        return "\nsandbox logs (last lines):\n" + tail;
    }

    private static final class LocalBackgroundProcess implements BackgroundProcess {
        private final Process process;

        LocalBackgroundProcess(Process process) {
            this.process = process;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void kill() {
            ProcessRunner.killTree(process.toHandle());
        }
    }
}
