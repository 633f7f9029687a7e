package io.vmservice.provider.local;

import io.vmservice.exception.SandboxCreationException;
import io.vmservice.internal.Poll;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Point;
import io.vmservice.screen.Screenshot;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Boots one sandbox: Xvfb inside bubblewrap's namespaces, then the template's session, done once
 * the session has drawn and the display moves the pointer where it is told.
 */
final class SandboxBoot {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final int BLACK = 0xFF000000;

    private final LocalSandbox sandbox;
    private final DesktopTemplate template;
    private final SandboxLayout layout;
    private final SandboxUser user;
    private final CgroupLimits cgroups;
    private final SandboxProcesses processes;
    private final Map<String, String> environment;

    SandboxBoot(LocalSandbox sandbox, DesktopTemplate template, SandboxLayout layout, SandboxUser user,
                CgroupLimits cgroups, SandboxProcesses processes, Map<String, String> environment) {
        this.sandbox = sandbox;
        this.template = template;
        this.layout = layout;
        this.user = user;
        this.cgroups = cgroups;
        this.processes = processes;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts the display and the session; on failure closes the sandbox and throws what went
     * wrong with the end of its logs.
     *
     * @param booted what to do once the session is ready, still part of the boot
     */
    void run(Path baseDir, Duration timeout, Runnable booted) {
        try {
            startDisplay(baseDir, timeout);
            startSession(timeout);
            booted.run();
        } catch (RuntimeException e) {
            String logs = sandbox.logs();
            sandbox.close();
            if (e instanceof SandboxCreationException creation) {
                throw new SandboxCreationException(creation.getMessage() + SandboxLogs.tail(logs), creation.getCause());
            }
            throw new SandboxCreationException("sandbox " + sandbox.name() + " did not start: " + e.getMessage()
                    + SandboxLogs.tail(logs), e);
        }
    }

    private void startDisplay(Path baseDir, Duration timeout) {
        SandboxConfig config = sandbox.config();
        ProcessBuilder builder = new ProcessBuilder(cgroups.wrap(Bubblewrap.argv(layout, user, baseDir,
                sandbox.display(), config.resolution(), config.allowInternetAccess())));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(layout.logs().resolve("xvfb.log").toFile()));
        Process root = Spawner.start(builder);
        processes.rootStarted(root);
        String announced = readDisplayNumber(root, timeout);
        if (!Integer.toString(sandbox.display()).equals(announced)) {
            throw new SandboxCreationException("display server of sandbox " + sandbox.id() + " exited before it"
                    + " accepted clients (announced \"" + announced + "\")");
        }
        long namespacePid = Poll.await("the sandbox's first process", Duration.ofSeconds(5), Duration.ofMillis(5))
                .until(0L, none -> root.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(0L),
                        pid -> pid > 0)
                .orElseThrow(none -> new SandboxCreationException("sandbox " + sandbox.id()
                        + " started no first process within 5 s"));
        processes.namespaceStarted(namespacePid);
    }

    /** Xvfb writes its display number to bwrap's standard output once it accepts clients. */
    private String readDisplayNumber(Process root, Duration timeout) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(root.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String value = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return value == null ? "" : value.trim();
        } catch (TimeoutException e) {
            throw new SandboxCreationException("display server of sandbox " + sandbox.id()
                    + " did not accept clients within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxCreationException("interrupted while sandbox " + sandbox.id() + " was starting");
        } catch (ExecutionException e) {
            return "";
        }
    }

    private void startSession(Duration timeout) {
        processes.startSession(template.session());
        boolean ready = Poll.await("sandbox " + sandbox.id() + " (" + template.id() + ") to draw its session and take"
                + " input", timeout, Duration.ofMillis(50)).untilTrue(() -> {
                    if (!processes.isRunning()) {
                        throw new SandboxCreationException("the display server of sandbox " + sandbox.id() + " exited");
                    }
                    return sessionReady();
                });
        if (!ready) {
            throw new SandboxCreationException("sandbox " + sandbox.id() + " (" + template.id()
                    + ") did not draw its session within " + timeout.toMillis() + " ms");
        }
        // As E2B's template does: no screen saver or power saving blanking the screen mid-test.
        sandbox.exec(DesktopCommand.of("xset", "s", "off", "s", "noblank", "-dpms"), PROBE_TIMEOUT);
    }

    /** The session has drawn something and the display moves the pointer where it is told. */
    private boolean sessionReady() {
        // The framebuffer is read in this process; the probe starts several, so it waits for a drawn screen.
        if (!hasDrawn(sandbox.screenshot()) || sandbox.exec(template.readyProbe(), PROBE_TIMEOUT).exitCode() != 0) {
            return false;
        }
        int x = sandbox.config().resolution().width() / 2;
        int y = sandbox.config().resolution().height() / 2;
        if (sandbox.exec(DesktopCommands.moveMouse(x, y), PROBE_TIMEOUT).exitCode() != 0) {
            return false;
        }
        CommandResult where = sandbox.exec(DesktopCommands.mouseLocation(), PROBE_TIMEOUT);
        return where.exitCode() == 0 && DesktopCommands.parseMouseLocation(where.stdout()).equals(new Point(x, y));
    }

    /** Xvfb starts with a black screen; any other pixel means the session has painted. */
    private static boolean hasDrawn(Screenshot screen) {
        var pixels = screen.pixels();
        while (pixels.hasRemaining()) {
            if (pixels.get() != BLACK) {
                return true;
            }
        }
        return false;
    }
}
