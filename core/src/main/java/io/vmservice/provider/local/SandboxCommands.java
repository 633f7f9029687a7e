package io.vmservice.provider.local;

import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.sandbox.CommandResult;
import io.vmservice.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs programs inside one sandbox: in its namespaces through {@code nsenter}, within its cgroups,
 * as its user, with the environment a session there has. Programs run to their end, in the
 * background with their output in a log, or attached to this JVM through pipes.
 */
final class SandboxCommands {

    private final SandboxLayout layout;
    private final CgroupLimits cgroups;
    private final int display;
    private final Map<String, String> templateEnvironment;
    private final Supplier<SandboxConfig> config;
    private final LongSupplier namespacePid;

    SandboxCommands(SandboxLayout layout, CgroupLimits cgroups, int display, Map<String, String> templateEnvironment,
                    Supplier<SandboxConfig> config,
                    LongSupplier namespacePid) {
        this.layout = layout;
        this.cgroups = cgroups;
        this.display = display;
        this.templateEnvironment = Map.copyOf(templateEnvironment);
        this.config = config;
        this.namespacePid = namespacePid;
    }

    /** Runs a program in the configured working directory and waits for it; killed at the timeout. */
    CommandResult run(List<String> argv, Duration timeout, String description) {
        return ProcessRunner.run(inside(config.get().workingDirectory(), argv), environment(), timeout, layout.logs(),
                description);
    }

    /**
     * Runs a program in the home directory with its standard input from a host file and, when
     * {@code output} is not null, its standard output into a host file.
     */
    CommandResult run(List<String> argv, Path input, Path output, Duration timeout, String description) {
        return ProcessRunner.run(inside(Bubblewrap.HOME, argv), environment(), input, output, timeout, layout.logs(),
                description);
    }

    /** Starts a program that outlives this call, its output appended to {@code log}. */
    Process start(List<String> argv, Path log) {
        return ProcessRunner.start(inside(config.get().workingDirectory(), argv), environment(), log, log);
    }

    /** Starts a program whose standard input, output and error are pipes to this JVM. */
    Process attach(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(inside(config.get().workingDirectory(), argv));
        builder.environment().clear();
        builder.environment().putAll(environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ProviderUnavailableException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The environment of every program in the sandbox: its display, its user, its template's session, the caller's variables. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", Bubblewrap.HOME);
        env.put("USER", SandboxUser.NAME);
        env.put("LOGNAME", SandboxUser.NAME);
        env.put("SHELL", "/bin/bash");
        env.put("TERM", "xterm-256color");
        env.put("LANG", "C.UTF-8");
        env.put("DISPLAY", ":" + display);
        env.put("XDG_RUNTIME_DIR", Bubblewrap.RUNTIME_DIR);
        env.putAll(templateEnvironment);
        env.put("XDG_CONFIG_DIRS", Bubblewrap.SESSION_CONFIG_MOUNT + ":/etc/xdg");
        env.putAll(config.get().environment());
        return env;
    }

    /** The argv that runs a program inside the sandbox's namespaces and limits. */
    private List<String> inside(String workingDirectory, List<String> argv) {
        List<String> full = new ArrayList<>(List.of("nsenter", "--target", Long.toString(namespacePid.getAsLong()),
                "--all", "--setuid", Integer.toString(SandboxUser.UID), "--setgid", Integer.toString(SandboxUser.GID),
                "--", "env", "-C", workingDirectory));
        full.addAll(argv);
        return cgroups.wrap(full);
    }
}
