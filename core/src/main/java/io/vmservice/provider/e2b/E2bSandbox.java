package io.vmservice.provider.e2b;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.provider.input.HelperProgram;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.provider.input.InputTransport;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One E2B sandbox: commands and files through its envd, its life through the control plane.
 * Desktop commands are the shared {@link DesktopCommands} lines sent through
 * {@code /bin/bash -l -c}, exactly as E2B's desktop SDK sends its own; input actions go to one
 * helper started that way, through {@code Process/SendInput}.
 */
public final class E2bSandbox implements ProviderSandbox {

    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final SandboxConfig config;
    private final RunningSandbox remote;
    private final ControlPlaneClient controlPlane;
    private final EnvdProcesses processes;
    private final EnvdFilesystem files;
    private final String streamBaseUrl;
    private final String noVncDirectory;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputChannel input;
    private final InputChannel accessibility;
    private E2bStream stream;

    E2bSandbox(String id, SandboxConfig config, RunningSandbox remote, ControlPlaneClient controlPlane,
               EnvdClient envd, String streamBaseUrl, String noVncDirectory, Runnable onClose) {
        this.id = id;
        this.config = config;
        this.remote = remote;
        this.controlPlane = controlPlane;
        this.processes = new EnvdProcesses(envd);
        this.files = new EnvdFilesystem(envd, remote.envdVersion());
        this.streamBaseUrl = streamBaseUrl;
        this.noVncDirectory = noVncDirectory;
        this.onClose = onClose;
        InputTransport.Opener opener = (program, output) -> EnvdInputTransport.start(processes, program.script(),
                config.workingDirectory(), program.name() + "-" + id, output);
        this.input = new InputChannel(HelperProgram.INPUT, () -> id, opener, this::ensureOpen);
        this.accessibility = new InputChannel(HelperProgram.ACCESSIBILITY, () -> id, opener, this::ensureOpen);
    }

    /** The id the caller chose; E2B's own id is {@link #e2bSandboxId()}. */
    @Override
    public String id() {
        return id;
    }

    /** E2B's id for this sandbox (20 lower-case letters and digits), as its dashboard shows it. */
    public String e2bSandboxId() {
        return remote.sandboxId();
    }

    public String envdVersion() {
        return remote.envdVersion();
    }

    @Override
    public SandboxConfig config() {
        return config;
    }

    @Override
    public CommandResult exec(DesktopCommand command, Duration timeout) {
        return run(command.commandLine(), timeout);
    }

    /**
     * Input commands are one {@code SendInput} each to a helper started once through envd, and
     * accessibility queries one each to the accessibility server, started the same way.
     */
    @Override
    public CommandResult input(DesktopCommand command, Duration timeout) {
        InputChannel channel = InputChannel.carrying(command, input, accessibility);
        if (channel == null) {
            return exec(command, timeout);
        }
        checkTimeout(timeout);
        ensureOpen();
        return channel.run(command, timeout);
    }

    @Override
    public CommandResult run(String commandLine, Duration timeout) {
        if (commandLine == null || commandLine.isBlank() || commandLine.indexOf('\0') >= 0) {
            throw new InvalidInputException("a command must be non-empty text without NUL characters");
        }
        checkTimeout(timeout);
        ensureOpen();
        return processes.run(commandLine, config.workingDirectory(), null, timeout);
    }

    @Override
    public BackgroundProcess startBackground(DesktopCommand command) {
        ensureOpen();
        return new E2bBackgroundProcess(processes, processes.start(command.commandLine(), config.workingDirectory(), null));
    }

    @Override
    public void writeFile(String path, byte[] content) {
        ensureOpen();
        files.write(path, content);
    }

    @Override
    public byte[] readFile(String path) {
        ensureOpen();
        return files.read(path);
    }

    /** Stat, list, make, move and remove files through envd's Filesystem service. */
    public EntryInfo stat(String path) {
        ensureOpen();
        return files.stat(path);
    }

    public List<EntryInfo> listDirectory(String path) {
        ensureOpen();
        return files.listDir(path, 1);
    }

    public boolean makeDirectory(String path) {
        ensureOpen();
        return files.makeDir(path);
    }

    public EntryInfo move(String source, String destination) {
        ensureOpen();
        return files.move(source, destination);
    }

    public void remove(String path) {
        ensureOpen();
        files.remove(path);
    }

    /** E2B's screenshot: scrot with the pointer to a unique file, download it, remove it. */
    @Override
    public Screenshot screenshot() {
        ensureOpen();
        String path = DesktopCommands.newScreenshotPath();
        CommandResult shot = exec(DesktopCommands.scrot(path), Duration.ofSeconds(30));
        if (shot.exitCode() != 0) {
            throw new VmServiceException(ErrorCodes.SCREENSHOT_FAILED, "scrot failed in sandbox " + id + " (exit "
                    + shot.exitCode() + "): " + shot.stderr().trim());
        }
        try {
            return Screenshot.fromPng(files.read(path));
        } finally {
            files.remove(path);
        }
    }

    /**
     * Starts x11vnc and noVNC as E2B's desktop SDK does and returns the browser URL
     * ({@code https://6080-<id>.<domain>/vnc.html?autoconnect=true&resize=scale[&password=KEY]}).
     * The frame rate sets x11vnc's polling; the quality is left to noVNC's defaults, as in E2B's
     * URL. A second stream while one runs is refused.
     */
    @Override
    public synchronized StreamInfo startStream(StreamConfig streamConfig) {
        ensureOpen();
        stream = E2bStream.start(processes, files, streamConfig.requireAuth(), streamConfig.windowId(),
                streamConfig.frameRate(), noVncDirectory, streamBaseUrl);
        return new StreamInfo(stream.url(), stream.authKey());
    }

    @Override
    public synchronized void stopStream() {
        if (stream != null) {
            stream.stop();
            stream = null;
        }
    }

    /** Moves the sandbox's end to {@code timeout} from now (E2B caps it at the plan's maximum). */
    public void setTimeout(Duration timeout) {
        checkTimeout(timeout);
        ensureOpen();
        controlPlane.setTimeout(remote.sandboxId(), timeout);
    }

    /** Running on E2B; false once killed, timed out or closed. */
    @Override
    public boolean isAlive() {
        if (closed.get()) {
            return false;
        }
        try {
            return controlPlane.get(remote.sandboxId()).running();
        } catch (SandboxNotFoundException gone) {
            return false;
        }
    }

    /** The desktop's own logs (Xvfb, xfce4, noVNC) as the sandbox holds them. */
    @Override
    public String logs() {
        try {
            return processes.run("for f in /tmp/vmservice-*.log /tmp/x11vnc_stderr.log /tmp/novnc.log; do"
                    + " [ -f \"$f\" ] && { echo \"==> $f <==\"; tail -c 20000 \"$f\"; }; done; true",
                    null, null, LOG_TIMEOUT).stdout();
        } catch (VmServiceException e) {
            return "";
        }
    }

    /**
     * Kills the sandbox on E2B. Calling it again does nothing, unless the kill failed: the
     * sandbox may still run then, so it stays open and its provider's close tries again.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            input.close();
            accessibility.close();
            controlPlane.kill(remote.sandboxId());
        } catch (RuntimeException e) {
            closed.set(false);
            throw e;
        }
        onClose.run();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new SandboxNotFoundException(id);
        }
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("a timeout must be positive, got " + timeout);
        }
    }

    @Override
    public String toString() {
        return "E2bSandbox[" + id + " = " + remote.sandboxId() + ", template " + remote.templateId() + "]";
    }
}
