package io.vmservice.provider.local;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A desktop sandbox on this machine: Xvfb inside bubblewrap namespaces, a session on top, and
 * every further command run in the same namespaces through {@code nsenter}. Its jobs are done by
 * {@link SandboxBoot}, {@link SandboxCommands} and {@link FileTransfers}, {@link SandboxProcesses},
 * {@link SandboxRecycling}, {@link SandboxStream} and {@link SandboxTeardown}; who may use it is
 * the current {@link Lease}.
 */
final class LocalSandbox implements ProviderSandbox {

    private static final AtomicInteger NEXT_DISPLAY = new AtomicInteger(100);

    private final String name;
    private final SandboxLayout layout;
    private final SandboxUser user;
    private final CgroupLimits cgroups;
    private final int display;
    private final Framebuffer framebuffer;
    private final Leases leases;
    private final SandboxCommands commands;
    private final SandboxProcesses processes;
    private final FileTransfers transfers;
    private final HelperChannels helpers;
    private final SandboxStream stream = new SandboxStream();
    private final SandboxLogs logs;
    private final SandboxTeardown teardown;
    /** Set at boot when the sandbox may be reused after a test. */
    private volatile SandboxRecycling recycling;

    private LocalSandbox(String name, SandboxConfig config, DesktopTemplate template, SandboxLayout layout,
                         SandboxUser user, CgroupLimits cgroups) {
        this.name = name;
        this.layout = layout;
        this.user = user;
        this.cgroups = cgroups;
        this.display = NEXT_DISPLAY.getAndIncrement();
        this.framebuffer = new Framebuffer(layout.framebufferDir().resolve("Xvfb_screen0"));
        this.leases = new Leases(name, config, cgroups);
        this.commands = new SandboxCommands(layout, cgroups, display, template.environment(),
                () -> leases.current().config(), this::namespacePid);
        this.processes = new SandboxProcesses(name, layout, commands);
        this.transfers = new FileTransfers(this::id, layout, commands);
        this.helpers = new HelperChannels(name, this::id, this::attach, this::ensureAlive);
        this.logs = new SandboxLogs(name, layout.logs());
        this.teardown = new SandboxTeardown(name, () -> {
            helpers.close();
            stream.stop();
        }, processes, cgroups, layout);
    }

    /**
     * Boots a sandbox and returns it once its session has drawn and its display takes input.
     *
     * @param name its id until {@link Leases#handOut} gives it another, and for good the name of its
     *     directory and cgroups
     * @param recyclable records its state after boot, so that {@link #recycle} can bring it back
     */
    static LocalSandbox boot(String name, SandboxConfig config, DesktopTemplate template, Path baseDir,
                             Duration bootTimeout, boolean recyclable) {
        SandboxUser user = SandboxUser.allocate();
        SandboxLayout layout = SandboxLayout.create(baseDir, name, user, template.configFiles());
        CgroupLimits cgroups = CgroupLimits.create(name, config.cpuCount(), config.memoryMb());
        LocalSandbox sandbox = new LocalSandbox(name, config, template, layout, user, cgroups);
        new SandboxBoot(sandbox, template, layout, user, cgroups, sandbox.processes, sandbox.commands.environment())
                .run(baseDir, bootTimeout, recyclable ? sandbox::recordBaseline : () -> { });
        return sandbox;
    }

    private void recordBaseline() {
        recycling = SandboxRecycling.capture(this, layout.logs().resolve("baseline-paths"), stream, helpers::close, logs);
    }

    /** Who may use it now: hand-outs, and a handle acts only while its lease is the current one. */
    Leases leases() {
        return leases;
    }

    boolean isRecyclable() {
        return recycling != null;
    }

    /**
     * Brings this used sandbox back to the state it booted in (see {@link SandboxRecycling}).
     *
     * @return empty when it is ready for reuse; otherwise why not, and it must be closed
     */
    Optional<String> recycle() {
        SandboxRecycling recycler = recycling;
        return recycler == null ? Optional.of("it was booted without a baseline") : recycler.recycle();
    }

    /** Kills every process started with {@link #startBackground(DesktopCommand)}. */
    void killBackground() {
        processes.killBackground();
    }

    @Override
    public String id() {
        return leases.current().id();
    }

    /** The name of its directory and cgroups, which its id does not change. */
    String name() {
        return name;
    }

    @Override
    public SandboxConfig config() {
        return leases.current().config();
    }

    int display() {
        return display;
    }

    long namespacePid() {
        return processes.namespacePid();
    }

    Path directory() {
        return layout.root();
    }

    CgroupLimits cgroups() {
        return cgroups;
    }

    /** Host pids of every process in this sandbox's PID namespace. */
    List<Long> processes() {
        return processes.pids();
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
        InputChannel channel = helpers.carrying(command);
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
        return helpers.input();
    }

    InputChannel accessibilityChannel() {
        return helpers.accessibility();
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
        ensureAlive();
        return processes.startBackground(command);
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
                throw new SandboxNotFoundException(id());
            }
            throw new UncheckedIOException("cannot read the framebuffer of sandbox " + id(), e);
        }
    }

    @Override
    public StreamInfo startStream(StreamConfig streamConfig) {
        ensureAlive();
        return stream.start(id(), () -> LocalStream.start(this, layout, user, display, streamConfig));
    }

    @Override
    public void stopStream() {
        stream.stop();
    }

    @Override
    public boolean isAlive() {
        return !teardown.isStarted() && processes.isRunning();
    }

    @Override
    public String logs() {
        return logs.all();
    }

    /** Tears the sandbox down unless another call does or did; that one returns at once. */
    @Override
    public void close() {
        tearDown();
    }

    /** @return whether this call tore the sandbox down, true for exactly one call over its life */
    boolean tearDown() {
        return teardown.run();
    }

    private void ensureAlive() {
        if (!isAlive()) {
            throw new SandboxNotFoundException(id());
        }
    }
}
