package io.vmservice.provider.local;

import io.vmservice.doctor.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The machine around the programs: its distribution, cgroups, shared memory and free memory. */
final class HostChecks {

    /** What one desktop is given at the least: the smallest memory a sandbox may have. */
    static final int MB_PER_DESKTOP = 512;
    /** Docker's default /dev/shm is 64 MB: too small for a browser run next to the tests. */
    private static final long SHM_WARN_MB = 256;
    private static final String CONTAINER = "run the suite in the debian:bookworm container"
            + " (README: Supported platforms)";

    private final Path osRelease;
    private final Path meminfo;
    private final Path shm;

    HostChecks(Path osRelease, Path meminfo, Path shm) {
        this.osRelease = osRelease;
        this.meminfo = meminfo;
        this.shm = shm;
    }

    Check distribution() {
        Map<String, String> os = osRelease();
        String name = os.getOrDefault("PRETTY_NAME", os.getOrDefault("NAME", "an unknown Linux"));
        if ("debian".equals(os.get("ID")) && "12".equals(os.get("VERSION_ID"))) {
            return Check.pass("distribution", name + ", the platform this project is tested on");
        }
        if (os.isEmpty()) {
            return Check.warn("distribution", osRelease + " is missing: not a platform this project is tested on",
                    CONTAINER);
        }
        boolean ubuntu = "ubuntu".equals(os.get("ID")) || os.getOrDefault("ID_LIKE", "").contains("ubuntu");
        return Check.warn("distribution", name + ": not tested; Debian 12 is"
                + (ubuntu ? " (Ubuntu's archive has no firefox-esr or chromium debs, and AppArmor may restrict"
                        + " user namespaces)" : ""), CONTAINER);
    }

    Check cgroups() {
        List<String> unwritable = CgroupLimits.unwritableControllers();
        if (unwritable.isEmpty() && CgroupLimits.available()) {
            return Check.pass("cgroup limits", "cgroup v1 memory, cpu and pids are writable: each sandbox's memoryMb,"
                    + " cpuCount and " + CgroupLimits.MAX_PROCESSES + "-process limits are enforced");
        }
        String which = unwritable.isEmpty() ? "memory, cpu and pids" : String.join(", ", unwritable);
        return Check.warn("cgroup limits", "cgroup v1 " + which + " not writable"
                + (CgroupLimits.unifiedOnly() ? " (this host has cgroup v2 only)" : "")
                + ": sandboxes run, but their memoryMb, cpuCount and " + CgroupLimits.MAX_PROCESSES
                + "-process limits are not enforced",
                "run as root on a cgroup v1 host (systemd: boot with systemd.unified_cgroup_hierarchy=0;"
                        + " a container: --privileged on such a host)");
    }

    Check sharedMemory() {
        if (!Files.isDirectory(shm)) {
            return Check.fail(shm.toString(), "missing", SystemBinaries.asRoot("mount -t tmpfs -o size=1g,mode=1777 tmpfs ") + shm);
        }
        if (!Files.isWritable(shm)) {
            return Check.fail(shm.toString(), "not writable by this user", SystemBinaries.asRoot("chmod 1777 ") + shm);
        }
        long freeMb;
        try {
            freeMb = Files.getFileStore(shm).getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            return Check.fail(shm.toString(), "cannot be read: " + e.getMessage(), SystemBinaries.asRoot("chmod 1777 ") + shm);
        }
        if (freeMb < SHM_WARN_MB) {
            return Check.warn(shm.toString(), freeMb + " MB free: each sandbox mounts its own, but a browser run"
                    + " next to the tests needs more", "give it 1 GB: docker run --shm-size=1g, or"
                    + " " + SystemBinaries.asRoot("mount -o remount,size=1g " + shm));
        }
        return Check.pass(shm.toString(), "writable, " + freeMb + " MB free");
    }

    Check memory(int desktops) {
        long availableMb = memAvailableMb();
        long neededMb = (long) desktops * MB_PER_DESKTOP;
        String subject = "memory for " + desktops + (desktops == 1 ? " desktop" : " desktops");
        if (availableMb < 0) {
            return Check.warn(subject, "MemAvailable not found in " + meminfo, "check free memory with: free -m");
        }
        if (availableMb >= neededMb) {
            return Check.pass(subject, availableMb + " MB available, " + neededMb + " MB needed at "
                    + MB_PER_DESKTOP + " MB each");
        }
        long fit = availableMb / MB_PER_DESKTOP;
        return Check.fail(subject, availableMb + " MB available, " + neededMb + " MB needed at " + MB_PER_DESKTOP
                + " MB each", fit == 0 ? "free memory: not even one desktop fits"
                : "free memory, or run at most " + fit + " desktops at once (fewer parallel tests, a smaller warm pool)");
    }

    private long memAvailableMb() {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // Reported as not found.
        }
        return -1;
    }

    private Map<String, String> osRelease() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(osRelease)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
                }
            }
        } catch (IOException absent) {
            return Map.of();
        }
        return values;
    }
}
