package io.vmservice.security;

import io.vmservice.VmServiceClient;
import io.vmservice.sandbox.SandboxConfig;
import java.time.Duration;

/** One create/use/destroy cycle: the sandbox is driven a little, so its use leaks too if anything does. */
final class SoakCycle {

    static final SandboxConfig MINIMAL = SandboxConfig.builder().template("minimal").build();

    private SoakCycle() {
    }

    static void run(VmServiceClient client, int n) {
        String id = client.createSandbox("soak", MINIMAL).sandboxId();
        try {
            client.writeFile(id, "/home/user/cycle.txt", "cycle " + n);
            if (!client.readFile(id, "/home/user/cycle.txt").equals("cycle " + n)) {
                throw new IllegalStateException("cycle " + n + " read back something else");
            }
            client.runCommand(id, "true", Duration.ofSeconds(10));
            client.screenshotImage(id);
            client.moveMouse(id, 10 + n % 100, 10);
        } finally {
            client.destroySandbox(id);
        }
    }
}
