package io.vmservice.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who a sandbox's processes are. Inside, always {@code user} (uid 1000, home /home/user), as on
 * E2B. On the host, that uid maps to a user of its own: when this JVM is root, a fresh unused uid
 * per sandbox, so no sandbox holds any host privilege or shares an identity with another; when
 * it is not root, the JVM's own user (unprivileged user namespaces).
 */
final class SandboxUser {

    static final int UID = 1000;
    static final int GID = 1000;
    static final String NAME = "user";

    /** Far above any uid a distribution or a container runtime hands out. */
    private static final int HOST_UID_BASE = 1_900_000_000;
    private static final int HOST_UID_RANGE = 100_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int hostUid;
    private final boolean dropPrivileges;

    private SandboxUser(int hostUid, boolean dropPrivileges) {
        this.hostUid = hostUid;
        this.dropPrivileges = dropPrivileges;
    }

    static SandboxUser allocate() {
        if (isRoot()) {
            return new SandboxUser(HOST_UID_BASE + RANDOM.nextInt(HOST_UID_RANGE), true);
        }
        return new SandboxUser(-1, false);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    int hostUid() {
        return hostUid;
    }

    /** The argv prefix that runs bwrap as this user on the host (nothing when already unprivileged). */
    List<String> hostPrefix() {
        if (!dropPrivileges) {
            return List.of();
        }
        String id = Integer.toString(hostUid);
        return List.of("setpriv", "--reuid", id, "--regid", id, "--clear-groups");
    }

    /** Hands a host file or directory to the sandbox's user, so it can change it from inside. */
    void own(Path path) throws IOException {
        if (dropPrivileges) {
            Files.setAttribute(path, "unix:uid", hostUid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", hostUid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * Gives the sandbox's user, through the group, what a directory's group permissions allow.
     * Without a user of its own (not root), the sandbox is this process's user and owns it already.
     */
    void admit(Path directory) throws IOException {
        if (dropPrivileges) {
            Files.setAttribute(directory, "unix:gid", hostUid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The host's passwd with uid 1000 renamed to {@code user}. */
    String passwd(String hostPasswd) {
        return withoutId(hostPasswd, 2) + NAME + ":x:" + UID + ":" + GID + ":" + NAME + ":" + Bubblewrap.HOME + ":/bin/bash\n";
    }

    String group(String hostGroup) {
        return withoutId(hostGroup, 2) + NAME + ":x:" + GID + ":\n";
    }

    private static String withoutId(String table, int idField) {
        return table.lines().filter(line -> {
            String[] fields = line.split(":", -1);
            return fields.length <= idField || !fields[idField].equals(Integer.toString(UID))
                    && !fields[0].equals(NAME);
        }).map(line -> line + "\n").collect(Collectors.joining());
    }
}
