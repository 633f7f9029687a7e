package io.vmservice.provider.local;

import io.vmservice.exception.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Maps paths as a sandbox sees them to the host directories behind its writable areas
 * ({@code /home/user} and {@code /tmp}). Symbolic links are followed as the sandbox would follow
 * them, inside its own view, so a link can never lead a host-side read or write out of the
 * sandbox's directories.
 */
final class SandboxFiles {

    private static final int MAX_LINKS = 40;

    private final List<Mount> mounts;

    SandboxFiles(SandboxLayout layout) {
        this.mounts = List.of(new Mount(Bubblewrap.HOME, layout.home()), new Mount("/tmp", layout.tmp()));
    }

    /** Turns a user-supplied path into a normalised absolute sandbox path; relative means under home. */
    static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException("a file path must not be empty");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidInputException("file path contains a NUL character: " + path.replace('\0', '?'));
        }
        Path p = Path.of(path.startsWith("/") ? path : Bubblewrap.HOME + "/" + path).normalize();
        return p.toString();
    }

    /**
     * The host path behind a sandbox path after following links inside the sandbox's view, or
     * empty when the path resolves outside the writable areas.
     */
    Optional<Path> hostPath(String sandboxPath) {
        Deque<String> pending = new ArrayDeque<>(List.of(normalize(sandboxPath).substring(1).split("/")));
        String resolved = "";
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                int cut = resolved.lastIndexOf('/');
                resolved = cut <= 0 ? "" : resolved.substring(0, cut);
                continue;
            }
            String candidate = resolved + "/" + name;
            Optional<Path> host = map(candidate);
            if (host.isPresent() && Files.isSymbolicLink(host.get())) {
                if (++links > MAX_LINKS) {
                    throw new InvalidInputException("too many symbolic links while resolving " + sandboxPath);
                }
                String target = readLink(host.get());
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.addFirst(parts[i]);
                }
                if (target.startsWith("/")) {
                    resolved = "";
                }
                continue;
            }
            resolved = candidate;
        }
        return map(resolved.isEmpty() ? "/" : resolved);
    }

    private Optional<Path> map(String sandboxPath) {
        for (Mount m : mounts) {
            if (sandboxPath.equals(m.sandboxPath)) {
                return Optional.of(m.hostDir);
            }
            if (sandboxPath.startsWith(m.sandboxPath + "/")) {
                return Optional.of(m.hostDir.resolve(sandboxPath.substring(m.sandboxPath.length() + 1)));
            }
        }
        return Optional.empty();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read symbolic link " + link.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static boolean isRegularFile(Path hostPath) {
        return Files.isRegularFile(hostPath, LinkOption.NOFOLLOW_LINKS);
    }

    private record Mount(String sandboxPath, Path hostDir) {
    }
}
