package io.vmservice.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU, memory and process-count limits for one sandbox through cgroup v1 controllers, where the
 * hierarchy is writable (as root on most cgroup v1 hosts). Elsewhere limits are not enforced and
 * {@link #available()} says so once in the log.
 *
 * <p>Every process of a sandbox must start inside its cgroups, so launches go through
 * {@link #wrap(List)}: a tiny shell that moves itself into the groups and then execs the real
 * program, which inherits the membership along with everything it forks.
 */
final class CgroupLimits {

    private static final Logger LOG = LoggerFactory.getLogger(CgroupLimits.class);
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String GROUP = "vmservice";
    private static final long CPU_PERIOD_US = 100_000;
    static final int MAX_PROCESSES = 2048;
    private static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");

    private static volatile Boolean available;

    private final String name;
    private final List<Path> groups;

    private CgroupLimits(String name, List<Path> groups) {
        this.name = name;
        this.groups = groups;
    }

    /** True when cgroup v1 memory, cpu and pids controllers accept a new group here. */
    static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
            if (!known) {
                LOG.info("cgroup v1 controllers are not writable here: sandbox CPU, memory and process"
                        + " limits are not enforced");
            }
        }
        return known;
    }

    /**
     * Creates the groups with their limits, or returns a no-op when cgroups are not writable.
     *
     * @param name the groups' name: the sandbox's directory name, unique among live sandboxes
     */
    static CgroupLimits create(String name, int cpuCount, int memoryMb) {
        if (!available()) {
            return new CgroupLimits(name, List.of());
        }
        try {
            Path memory = group("memory", name);
            Path cpu = group("cpu", name);
            Path pids = group("pids", name);
            CgroupLimits limits = new CgroupLimits(name, List.of(memory, cpu, pids));
            write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_US));
            write(pids.resolve("pids.max"), Integer.toString(MAX_PROCESSES));
            limits.apply(cpuCount, memoryMb);
            return limits;
        } catch (IOException e) {
            LOG.warn("cannot set cgroup limits for sandbox {}: {}", name, e.getMessage());
            remove(name);
            return new CgroupLimits(name, List.of());
        }
    }

    /**
     * Sets the CPU and memory limits, also on a running sandbox. Fails when the sandbox already
     * uses more memory than the new limit and the kernel cannot reclaim it.
     */
    void apply(int cpuCount, int memoryMb) throws IOException {
        if (groups.isEmpty()) {
            return;
        }
        write(group("memory").resolve("memory.limit_in_bytes"), Long.toString(memoryMb * 1024L * 1024L));
        write(group("cpu").resolve("cpu.cfs_quota_us"), Long.toString(cpuCount * CPU_PERIOD_US));
    }

    boolean enforced() {
        return !groups.isEmpty();
    }

    /** The group of one controller ({@code memory}, {@code cpu} or {@code pids}), null when not enforced. */
    Path group(String controller) {
        return groups.isEmpty() ? null : ROOT.resolve(controller).resolve(GROUP).resolve(name);
    }

    /** The argv that starts {@code argv} inside this sandbox's groups (unchanged when none). */
    List<String> wrap(List<String> argv) {
        if (groups.isEmpty()) {
            return argv;
        }
        StringBuilder script = new StringBuilder();
        for (Path g : groups) {
            script.append("echo $$ > ").append(g.resolve("cgroup.procs")).append(" || exit 125; ");
        }
        script.append("exec \"$@\"");
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "vmservice-cgroup"));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** Removes the groups once their processes are gone; a group still busy is left for later. */
    void release() {
        if (enforced()) {
            remove(name);
        }
    }

    /**
     * Removes this provider's groups whose sandbox directory is gone. Other JVMs share the
     * hierarchy: a sandbox's directory is made before its groups, so the groups are listed
     * first and the directories after, and a group made meanwhile by another JVM is spared.
     *
     * @param liveSandboxes the names of the sandbox directories that exist now
     */
    static void removeStale(java.util.function.Supplier<java.util.Set<String>> liveSandboxes) {
        if (!available()) {
            return;
        }
        List<Path> groups = new ArrayList<>();
        for (String controller : CONTROLLERS) {
            Path parent = ROOT.resolve(controller).resolve(GROUP);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory).forEach(groups::add);
            } catch (IOException e) {
                LOG.debug("cannot scan {}: {}", parent, e.getMessage());
            }
        }
        java.util.Set<String> live = liveSandboxes.get();
        groups.stream().filter(g -> !live.contains(g.getFileName().toString())).forEach(CgroupLimits::rmdir);
    }

    private static void remove(String sandboxId) {
        for (String controller : CONTROLLERS) {
            rmdir(ROOT.resolve(controller).resolve(GROUP).resolve(sandboxId));
        }
    }

    private static void rmdir(Path group) {
        try {
            Files.deleteIfExists(group);
        } catch (IOException busy) {
            LOG.debug("cgroup {} not removed yet: {}", group, busy.getMessage());
        }
    }

    private static Path group(String controller, String name) throws IOException {
        Path dir = ROOT.resolve(controller).resolve(GROUP).resolve(name);
        Files.createDirectories(dir);
        return dir;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    /** The cgroup v1 controllers among memory, cpu and pids that this process cannot create groups in. */
    static List<String> unwritableControllers() {
        return CONTROLLERS.stream().filter(c -> !Files.isDirectory(ROOT.resolve(c)) || !Files.isWritable(ROOT.resolve(c)))
                .toList();
    }

    /** True when this host mounts only the unified (v2) hierarchy, which these limits do not use. */
    static boolean unifiedOnly() {
        return Files.exists(ROOT.resolve("cgroup.controllers"));
    }

    private static boolean probe() {
        if (!unwritableControllers().isEmpty()) {
            return false;
        }
        try {
            Path probe = ROOT.resolve("memory").resolve(GROUP);
            Files.createDirectories(probe);
            return Files.exists(probe.resolve("cgroup.procs"));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
