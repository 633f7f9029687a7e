package io.vmservice.provider.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host directories of one sandbox under the provider's base directory:
 * {@code home} (the sandbox's /home/user), {@code tmp} (its /tmp), {@code fb} (Xvfb's
 * framebuffer file), {@code xdg} (its session's configuration), {@code logs}, and an {@code owner} file naming the JVM that made it, so a
 * later JVM can tell a live sandbox from one left behind by a killed process.
 */
final class SandboxLayout {

    private static final String OWNER_FILE = "owner";

    private final Path root;

    private SandboxLayout(Path root) {
        this.root = root;
    }

    /**
     * @param name the directory's name under {@code baseDir}
     * @param user the user the sandbox runs as; its private directories are handed to it
     * @param sessionConfig the template's configuration files, copied into {@link #sessionConfig()}
     */
    static SandboxLayout create(Path baseDir, String name, SandboxUser user, List<String> sessionConfig) {
        SandboxLayout layout = new SandboxLayout(baseDir.resolve(name));
        try {
            Files.createDirectories(baseDir);
            // Traversable but not listable: bwrap, already running as the sandbox's user, must
            // reach its own directories, and must not find anyone else's.
            Files.setPosixFilePermissions(baseDir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectories(layout.root);
            // Only the sandbox's own user may pass, through its group: another host user who knows
            // the path must not reach the sandbox's files or sockets behind it.
            Files.setPosixFilePermissions(layout.root, PosixFilePermissions.fromString("rwx--x---"));
            user.admit(layout.root);
            Files.writeString(layout.root.resolve(OWNER_FILE), Owner.current().serialize());
            for (Path dir : List.of(layout.home(), layout.tmp(), layout.framebufferDir(), layout.logs(), layout.etc(),
                    layout.sessionConfig())) {
                Files.createDirectories(dir);
            }
            Files.setPosixFilePermissions(layout.logs(), PosixFilePermissions.fromString("rwx------"));
            // The sandbox's /tmp behaves like a real one: sticky and world-writable.
            Path x11 = Files.createDirectories(layout.tmp().resolve(".X11-unix"));
            for (Path shared : List.of(layout.tmp(), x11)) {
                Files.setAttribute(shared, "unix:mode", 01777);
            }
            Path runtime = Files.createDirectories(layout.tmp().resolve("xdg-runtime"));
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
            for (Path owned : List.of(layout.home(), layout.framebufferDir(), runtime)) {
                user.own(owned);
            }
            Files.writeString(layout.passwd(), user.passwd(Files.readString(Path.of("/etc/passwd"))));
            Files.writeString(layout.group(), user.group(Files.readString(Path.of("/etc/group"))));
            for (String file : sessionConfig) {
                copyResource("session/" + file, layout.sessionConfig().resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sandbox directory " + layout.root, e);
        }
        return layout;
    }

    Path root() {
        return root;
    }

    Path home() {
        return root.resolve("home");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path framebufferDir() {
        return root.resolve("fb");
    }

    /** Read-only inside: the session's defaults, which the sandbox's user may override in its home. */
    Path sessionConfig() {
        return root.resolve("xdg");
    }

    Path logs() {
        return root.resolve("logs");
    }

    private Path etc() {
        return root.resolve("etc");
    }

    /** The sandbox's /etc/passwd, naming its user "user" with home /home/user, as on E2B. */
    Path passwd() {
        return etc().resolve("passwd");
    }

    Path group() {
        return etc().resolve("group");
    }

    private static void copyResource(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (var in = SandboxLayout.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.copy(in, target);
        }
    }

    void delete() {
        deleteTree(root);
    }

    /**
     * Removes the directories of sandboxes whose owning JVM is gone. Returns their ids, so the
     * caller can release whatever else it keyed by them.
     */
    static List<String> removeStale(Path baseDir) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(baseDir)) {
            return removed;
        }
        try (Stream<Path> entries = Files.list(baseDir)) {
            for (Path dir : entries.toList()) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !ownerAlive(dir)) {
                    deleteTree(dir);
                    removed.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + baseDir + " for stale sandboxes", e);
        }
        return removed;
    }

    private static boolean ownerAlive(Path dir) {
        try {
            return Owner.parse(Files.readString(dir.resolve(OWNER_FILE))).map(Owner::isAlive).orElse(false);
        } catch (IOException noOwnerFile) {
            return false;
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** A JVM identified by pid and start time, so a recycled pid is not mistaken for the owner. */
    record Owner(long pid, long startMillis) {

        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), startOf(self));
        }

        static Optional<Owner> parse(String text) {
            String[] parts = text.trim().split("\\s+");
            try {
                return Optional.of(new Owner(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        }

        String serialize() {
            return pid + " " + startMillis + "\n";
        }

        boolean isAlive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> startOf(p) == startMillis).orElse(false);
        }

        private static long startOf(ProcessHandle p) {
            return p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        }
    }
}
