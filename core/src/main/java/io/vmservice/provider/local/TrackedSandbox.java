package io.vmservice.provider.local;

import io.vmservice.CommandResult;
import io.vmservice.SandboxConfig;
import io.vmservice.desktop.DesktopCommand;
import io.vmservice.desktop.Screenshot;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.ProviderSandbox;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local sandbox as handed out: closing it also forgets it in its provider, and ends this
 * handle, since the desktop behind it may go to the next test when desktops are reused.
 */
final class TrackedSandbox implements ProviderSandbox {

    private final LocalSandbox sandbox;
    private final LocalProvider provider;
    private final String id;
    private final SandboxConfig config;
    private final AtomicBoolean closed = new AtomicBoolean();

    TrackedSandbox(LocalSandbox sandbox, LocalProvider provider) {
        this.sandbox = sandbox;
        this.provider = provider;
        this.id = sandbox.id();
        this.config = sandbox.config();
    }

    LocalSandbox local() {
        return sandbox;
    }

    private LocalSandbox open() {
        if (closed.get()) {
            throw new SandboxNotFoundException(id);
        }
        return sandbox;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SandboxConfig config() {
        return config;
    }

    @Override
    public CommandResult exec(DesktopCommand command, Duration timeout) {
        return open().exec(command, timeout);
    }

    @Override
    public CommandResult input(DesktopCommand command, Duration timeout) {
        return open().input(command, timeout);
    }

    @Override
    public CommandResult run(String commandLine, Duration timeout) {
        return open().run(commandLine, timeout);
    }

    @Override
    public BackgroundProcess startBackground(DesktopCommand command) {
        return open().startBackground(command);
    }

    @Override
    public void writeFile(String path, byte[] content) {
        open().writeFile(path, content);
    }

    @Override
    public byte[] readFile(String path) {
        return open().readFile(path);
    }

    @Override
    public Screenshot screenshot() {
        return open().screenshot();
    }

    @Override
    public io.vmservice.StreamInfo startStream(io.vmservice.StreamConfig config) {
        return open().startStream(config);
    }

    @Override
    public void stopStream() {
        open().stopStream();
    }

    @Override
    public boolean isAlive() {
        return !closed.get() && sandbox.isAlive();
    }

    @Override
    public String logs() {
        return open().logs();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            provider.destroy(sandbox);
        }
    }

    @Override
    public String toString() {
        return "LocalSandbox[" + id + ", display :" + sandbox.display() + "]";
    }
}
