package io.vmservice.junit;

import io.vmservice.SandboxInfo;
import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;

/** A sandbox in a JUnit store: JUnit (5.13 and later) closes it, and so destroys the sandbox, when its scope ends. */
final class SandboxResource implements AutoCloseable {

    private final VmServiceClient client;
    private final SandboxInfo info;
    private final Desktop desktop;

    SandboxResource(VmServiceClient client, SandboxInfo info, Desktop desktop) {
        this.client = client;
        this.info = info;
        this.desktop = desktop;
    }

    SandboxInfo info() {
        return info;
    }

    Desktop desktop() {
        return desktop;
    }

    @Override
    public void close() {
        client.destroySandbox(info.sandboxId());
    }
}
