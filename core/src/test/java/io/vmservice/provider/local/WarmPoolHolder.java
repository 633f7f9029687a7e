package io.vmservice.provider.local;

import static org.awaitility.Awaitility.await;

import io.vmservice.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A JVM that fills a warm pool, prints the pids of its sandboxes and returns from main without
 * closing anything: {@link WarmPoolTest} checks that the JVM's exit drained the pool.
 */
public final class WarmPoolHolder {

    private WarmPoolHolder() {
    }

    public static void main(String[] args) {
        SandboxConfig minimal = SandboxConfig.builder().template("minimal").build();
        LocalProvider provider = LocalProvider.builder().baseDir(Path.of(args[0])).warmPool(1).prewarm(minimal).build();
        LocalSandbox warm = await().atMost(Duration.ofSeconds(60))
                .until(provider::warmSandboxes, ready -> !ready.isEmpty()).get(0);
        System.out.println("PIDS " + warm.processes().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }
}
