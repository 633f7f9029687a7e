package io.vmservice.provider.local;

import io.vmservice.exception.ProviderUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Checks that the programs a template needs are installed, naming the packages that bring them. */
final class SystemBinaries {

    /**
     * Where the provider looks for programs, whatever the JVM's PATH says; /usr/libexec last, for
     * the daemons a session starts (AT-SPI's bus launcher).
     */
    static final List<Path> SEARCH_PATH = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin"),
            Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/libexec"));

    private SystemBinaries() {
    }

    /**
     * @param required program name → Debian package that installs it
     * @throws ProviderUnavailableException naming every missing package in one apt-get line
     */
    static void require(Map<String, String> required) {
        Map<String, String> missing = new LinkedHashMap<>();
        required.forEach((program, pkg) -> {
            if (find(program) == null) {
                missing.put(program, pkg);
            }
        });
        if (!missing.isEmpty()) {
            throw new ProviderUnavailableException("the local desktop provider needs " + missing.keySet()
                    + ", which are not installed; install them with: " + installLine(missing.values())
                    + LocalDoctor.HINT);
        }
    }

    static Path find(String program) {
        return find(program, SEARCH_PATH);
    }

    static Path find(String program, List<Path> directories) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The apt-get line that installs these Debian packages, with sudo unless this JVM is root. */
    static String installLine(Collection<String> packages) {
        return asRoot("apt-get install -y " + String.join(" ", new TreeSet<>(packages)));
    }

    /** A command to run as root, as typed by this JVM's user: with sudo unless that is root. */
    static String asRoot(String command) {
        return (SandboxUser.isRoot() ? "" : "sudo ") + command;
    }
}
