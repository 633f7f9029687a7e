package io.vmservice.provider.local;

import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.StreamConfig;
import io.vmservice.sandbox.StreamInfo;
import io.vmservice.screen.Screenshot;
import java.time.Duration;

/**
 * A local sandbox as handed out, under its {@link Lease}: every call first checks that the lease
 * is still the sandbox's current one, since the desktop behind it may go to the next test when
 * desktops are reused. Closing gives the lease back, once, and the sandbox to its provider.
 */
final class TrackedSandbox implements ProviderSandbox {

    private final LocalSandbox sandbox;
    private final Lease lease;
    private final LocalProvider provider;

    TrackedSandbox(LocalSandbox sandbox, Lease lease, LocalProvider provider) {
        this.sandbox = sandbox;
        this.lease = lease;
        this.provider = provider;
    }

    LocalSandbox local() {
        return sandbox;
    }

    Lease lease() {
        return lease;
    }

    /** @throws io.vmservice.exception.SandboxReleasedException once this handle's lease has ended */
    private LocalSandbox open() {
        sandbox.leases().requireHeld(lease);
        return sandbox;
    }

    @Override
    public String id() {
        return lease.id();
    }

    @Override
    public SandboxConfig config() {
        return lease.config();
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
    public StreamInfo startStream(StreamConfig config) {
        return open().startStream(config);
    }

    @Override
    public void stopStream() {
        open().stopStream();
    }

    @Override
    public boolean isAlive() {
        return sandbox.leases().holds(lease) && sandbox.isAlive();
    }

    @Override
    public String logs() {
        return open().logs();
    }

    @Override
    public void close() {
        if (sandbox.leases().release(lease)) {
            provider.destroy(lease.id(), sandbox);
        }
    }

    @Override
    public String toString() {
        return "LocalSandbox[" + lease.id() + ", display :" + sandbox.display() + "]";
    }
}
