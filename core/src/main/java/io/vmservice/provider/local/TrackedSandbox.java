package io.vmservice.provider.local;

import io.vmservice.CommandResult;
import io.vmservice.SandboxConfig;
import io.vmservice.desktop.DesktopCommand;
import io.vmservice.desktop.Screenshot;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.ProviderSandbox;
import java.time.Duration;

/** A local sandbox as handed out: closing it also forgets it in its provider. */
final class TrackedSandbox implements ProviderSandbox {

    private final LocalSandbox sandbox;
    private final LocalProvider provider;

    TrackedSandbox(LocalSandbox sandbox, LocalProvider provider) {
        this.sandbox = sandbox;
        this.provider = provider;
    }

    LocalSandbox local() {
        return sandbox;
    }

    @Override
    public String id() {
        return sandbox.id();
    }

    @Override
    public SandboxConfig config() {
        return sandbox.config();
    }

    @Override
    public CommandResult exec(DesktopCommand command, Duration timeout) {
        return sandbox.exec(command, timeout);
    }

    @Override
    public CommandResult run(String commandLine, Duration timeout) {
        return sandbox.run(commandLine, timeout);
    }

    @Override
    public BackgroundProcess startBackground(DesktopCommand command) {
        return sandbox.startBackground(command);
    }

    @Override
    public void writeFile(String path, byte[] content) {
        sandbox.writeFile(path, content);
    }

    @Override
    public byte[] readFile(String path) {
        return sandbox.readFile(path);
    }

    @Override
    public Screenshot screenshot() {
        return sandbox.screenshot();
    }

    @Override
    public io.vmservice.StreamInfo startStream(io.vmservice.StreamConfig config) {
        return sandbox.startStream(config);
    }

    @Override
    public void stopStream() {
        sandbox.stopStream();
    }

    @Override
    public boolean isAlive() {
        return sandbox.isAlive();
    }

    @Override
    public String logs() {
        return sandbox.logs();
    }

    @Override
    public void close() {
        provider.destroy(sandbox);
    }

    @Override
    public String toString() {
        return "LocalSandbox[" + sandbox.id() + ", display :" + sandbox.display() + "]";
    }
}
