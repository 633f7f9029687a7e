package io.vmservice.provider.local;

import io.vmservice.exception.ProviderUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Checks that the programs a template needs are installed, naming the packages that bring them. */
final class SystemBinaries {

    private static final List<String> SEARCH_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

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
                    + ", which are not installed; install them with: sudo apt-get install -y "
                    + String.join(" ", new TreeSet<>(missing.values())));
        }
    }

    /** The program on the search path, or at its absolute path (daemons under /usr/libexec). */
    static Path find(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program)) ? Path.of(program) : null;
        }
        for (String dir : SEARCH_PATH) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
