package io.vmservice.provider.local;

import io.vmservice.doctor.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The programs the local provider runs, looked for where the provider looks: one line per program
 * every desktop needs (bubblewrap, Xvfb and xdotool first), one per template for its session's programs, and one each for the two
 * features that need more (desktop reuse, live streams).
 */
final class ProgramChecks {

    private static final String NOVNC = "noVNC";
    /** The programs every sandbox is made of, listed before the rest. */
    private static final List<String> FIRST = List.of("bwrap", "Xvfb", "xdotool");

    private final List<Path> directories;

    ProgramChecks(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        Map<String, String> common = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        common.putAll(DesktopTemplate.COMMON_BINARIES);
        if (SandboxUser.isRoot()) {
            // As root, bwrap is started through setpriv as the sandbox's own host user.
            common.put("setpriv", "util-linux");
        }
        for (String first : FIRST) {
            checks.add(program(first, common.remove(first)));
        }
        common.forEach((program, pkg) -> checks.add(program(program, pkg)));
        for (DesktopTemplate template : DesktopTemplate.values()) {
            checks.add(group(template.id() + " template", template.sessionBinaries(), Check.Status.FAIL,
                    "sandboxes of this template cannot start"));
        }
        checks.add(group("desktop reuse", DesktopBaseline.BINARIES, Check.Status.WARN,
                "LocalProvider.builder().reuse(n) cannot be used"));
        Map<String, String> stream = new TreeMap<>(Map.of("x11vnc", "x11vnc", "websockify", "websockify", NOVNC, "novnc"));
        checks.add(group("live streams", stream, Check.Status.WARN, "startStream cannot be used"));
        return checks;
    }

    private Check program(String program, String pkg) {
        Path found = SystemBinaries.find(program, directories);
        if (found != null) {
            return Check.pass(program, found.toString());
        }
        return Check.fail(program, "not installed (looked in " + directories.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + ")", SystemBinaries.installLine(List.of(pkg)));
    }

    private Check group(String subject, Map<String, String> programs, Check.Status whenMissing, String consequence) {
        Map<String, String> missing = new TreeMap<>(programs);
        missing.keySet().removeIf(program -> !missing(program));
        String names = String.join(", ", new TreeMap<>(programs).keySet());
        if (missing.isEmpty()) {
            return Check.pass(subject, names);
        }
        return new Check(subject, whenMissing, String.join(", ", missing.keySet()) + " not installed: " + consequence,
                SystemBinaries.installLine(missing.values()));
    }

    private boolean missing(String program) {
        if (program.equals(NOVNC)) {
            return !Files.isRegularFile(Path.of(LocalStream.NOVNC_WEB, "vnc.html"));
        }
        return SystemBinaries.find(program, directories) == null;
    }
}
