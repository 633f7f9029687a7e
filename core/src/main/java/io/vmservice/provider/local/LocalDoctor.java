package io.vmservice.provider.local;

import io.vmservice.doctor.Check;
import io.vmservice.doctor.DoctorReport;
import io.vmservice.exception.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks this machine for everything the local provider needs, one {@link Check} per thing:
 * the distribution, bubblewrap and unprivileged user namespaces (tried for real), Xvfb, xdotool
 * and every program of the templates, writable cgroup controllers, {@code /dev/shm} and free
 * memory for a number of desktops. {@code scripts/vmservice doctor} prints the same report.
 *
 * <pre>{@code
 * DoctorReport report = LocalDoctor.builder().desktops(4).build().run();
 * if (!report.canRun()) {
 *     throw new IllegalStateException("this machine cannot run local desktops:\n" + report.text());
 * }
 * }</pre>
 */
public final class LocalDoctor {

    /** Appended to the local provider's {@code ProviderUnavailableException}s. */
    static final String HINT = "; run scripts/vmservice doctor (LocalProvider.doctor() in Java) to check everything"
            + " the local provider needs";

    private final List<Path> programDirectories;
    private final int desktops;
    private final HostChecks host;
    private final UserNamespaceProbe userNamespaces;

    private LocalDoctor(Builder builder) {
        this.programDirectories = builder.programDirectories;
        this.desktops = builder.desktops;
        this.host = new HostChecks(Path.of("/etc/os-release"), Path.of("/proc/meminfo"), Path.of("/dev/shm"));
        this.userNamespaces = new UserNamespaceProbe(Path.of("/proc/sys"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check; takes about as long as starting one bubblewrap sandbox. */
    public DoctorReport run() {
        List<Check> checks = new ArrayList<>();
        checks.add(host.distribution());
        List<Check> programs = new ProgramChecks(programDirectories).run();
        // bubblewrap first, and right after it whether it can make the namespaces a sandbox needs.
        checks.add(programs.get(0));
        checks.add(userNamespaces.run(SystemBinaries.find("bwrap", programDirectories)));
        checks.addAll(programs.subList(1, programs.size()));
        checks.add(host.cgroups());
        checks.add(host.sharedMemory());
        checks.add(host.memory(desktops));
        return new DoctorReport(checks);
    }

    /** Options of the check. */
    public static final class Builder {
        private List<Path> programDirectories = SystemBinaries.SEARCH_PATH;
        private int desktops = 1;

        private Builder() {
        }

        /** How many desktops at once the free memory must hold; 1 by default. */
        public Builder desktops(int desktops) {
            if (desktops < 1) {
                throw new InvalidInputException("desktops must be 1 or more, got " + desktops);
            }
            this.desktops = desktops;
            return this;
        }

        /**
         * Where to look for programs; by default where the provider looks ({@code /usr/local/bin},
         * {@code /usr/bin}, {@code /bin}, {@code /usr/sbin}, {@code /sbin}), whatever the PATH.
         */
        public Builder programDirectories(List<Path> directories) {
            if (directories == null || directories.isEmpty()) {
                throw new InvalidInputException("programDirectories must name at least one directory");
            }
            this.programDirectories = List.copyOf(directories);
            return this;
        }

        public LocalDoctor build() {
            return new LocalDoctor(this);
        }
    }
}
