package io.vmservice.provider.e2b;

import io.vmservice.provider.BackgroundProcess;
import java.time.Duration;

/** A process envd started without a deadline, known by its pid in the sandbox. */
final class E2bBackgroundProcess implements BackgroundProcess {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final EnvdProcesses processes;
    private final long pid;

    E2bBackgroundProcess(EnvdProcesses processes, long pid) {
        this.processes = processes;
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return processes.list().contains(pid);
    }

    /**
     * Kills the process's descendants deepest first (so none is reparented and missed), then the
     * process itself through envd's {@code SendSignal}, as E2B's {@code kill()} does.
     */
    @Override
    public void kill() {
        processes.run("kill_tree() { for c in $(pgrep -P \"$1\"); do kill_tree \"$c\"; done;"
                + " [ \"$1\" = " + pid + " ] || kill -KILL \"$1\" 2>/dev/null; }; kill_tree " + pid, null, null, KILL_TIMEOUT);
        processes.signal(pid, "SIGNAL_SIGKILL");
    }

    @Override
    public String toString() {
        return "E2bBackgroundProcess[pid " + pid + "]";
    }
}
