package io.vmservice.provider.local;

import io.vmservice.internal.Poll;
import io.vmservice.provider.BackgroundProcess;
import io.vmservice.provider.DesktopCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one sandbox: bwrap, the first process of its namespaces, its session, and
 * every process started in the background since, so that a recycle can end the latter and a
 * teardown all of them.
 */
final class SandboxProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxProcesses.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final SandboxLayout layout;
    private final SandboxCommands commands;
    private final List<Process> background = new CopyOnWriteArrayList<>();
    private final AtomicInteger backgroundCount = new AtomicInteger();
    private volatile Process root;
    private volatile long namespacePid;
    private volatile Process session;

    SandboxProcesses(String name, SandboxLayout layout, SandboxCommands commands) {
        this.name = name;
        this.layout = layout;
        this.commands = commands;
    }

    /** bwrap, started; its first child becomes the namespaces' first process. */
    void rootStarted(Process root) {
        this.root = root;
    }

    Process root() {
        return root;
    }

    void namespaceStarted(long pid) {
        this.namespacePid = pid;
    }

    /** The host pid of the namespaces' first process, which {@code nsenter} targets; 0 before boot found it. */
    long namespacePid() {
        return namespacePid;
    }

    boolean isRunning() {
        Process bwrap = root;
        return bwrap != null && bwrap.isAlive();
    }

    /** Starts the session, which a recycle keeps, unlike what is started in the background. */
    void startSession(DesktopCommand command) {
        session = start(command, "session");
    }

    BackgroundProcess startBackground(DesktopCommand command) {
        return new LocalBackgroundProcess(start(command, "bg-" + backgroundCount.incrementAndGet()));
    }

    Process start(DesktopCommand command, String logName) {
        Process process = commands.start(command.argv(), layout.logs().resolve(logName + ".log"));
        background.add(process);
        return process;
    }

    /** Kills every process started with {@link #startBackground(DesktopCommand)}. */
    void killBackground() {
        for (Process process : background) {
            if (!process.equals(session)) {
                ProcessRunner.killTree(process.toHandle());
                background.remove(process);
            }
        }
    }

    /** Host pids of every process in this sandbox's PID namespace, found by its namespace inode. */
    List<Long> pids() {
        String ns = pidNamespace(namespacePid);
        List<Long> pids = new ArrayList<>();
        if (ns == null) {
            return pids;
        }
        ProcessHandle.allProcesses().forEach(p -> {
            if (ns.equals(pidNamespace(p.pid()))) {
                pids.add(p.pid());
            }
        });
        return pids;
    }

    static String pidNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Ends every process of the sandbox and waits, a few seconds at most, until the kernel has reaped them. */
    void endAll() {
        String ns = namespacePid > 0 ? pidNamespace(namespacePid) : null;
        Process bwrap = root;
        if (bwrap != null) {
            if (namespacePid > 0) {
                // Ending the namespace's first process ends the namespace: the kernel kills every
                // process inside, that first process reaps them, and bwrap, still alive outside,
                // reaps it and exits. Killing bwrap first would leave them to the host's init,
                // which may take seconds to reap them.
                ProcessHandle.of(namespacePid).ifPresent(ProcessHandle::destroyForcibly);
                try {
                    bwrap.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ProcessRunner.killTree(bwrap.toHandle());
        }
        background.forEach(p -> ProcessRunner.killTree(p.toHandle()));
        if (ns != null && !Poll.await("processes of sandbox " + name + " to exit", EXIT_TIMEOUT, Duration.ofMillis(20))
                .untilTrue(() -> ProcessHandle.allProcesses().noneMatch(p -> ns.equals(pidNamespace(p.pid()))))) {
            LOG.warn("processes of sandbox {} still running after destroy", name);
        }
    }

    private static final class LocalBackgroundProcess implements BackgroundProcess {
        private final Process process;

        LocalBackgroundProcess(Process process) {
            this.process = process;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void kill() {
            ProcessRunner.killTree(process.toHandle());
        }
    }
}
