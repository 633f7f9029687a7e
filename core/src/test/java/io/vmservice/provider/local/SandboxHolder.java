package io.vmservice.provider.local;

import io.vmservice.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM that holds two sandboxes until it is killed: {@link SigkillCleanupTest} starts it, reads
 * the host pids of every sandbox process from its output, and kills it with SIGKILL.
 */
public final class SandboxHolder {

    private SandboxHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalProvider provider = LocalProvider.builder().baseDir(Path.of(args[0])).build();
        SandboxConfig minimal = SandboxConfig.builder().template("minimal").build();
        List<Long> pids = new ArrayList<>();
        for (String id : List.of("held-1", "held-2")) {
            TrackedSandbox sandbox = (TrackedSandbox) provider.create(id, minimal);
            pids.add(sandbox.local().namespacePid());
            pids.addAll(sandbox.local().processes());
        }
        System.out.println("PIDS " + pids.stream().distinct().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
