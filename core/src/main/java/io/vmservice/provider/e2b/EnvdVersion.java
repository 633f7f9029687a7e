package io.vmservice.provider.e2b;

/** Compares envd's reported version ({@code 0.5.7}, maybe with a suffix) against feature gates. */
final class EnvdVersion {

    private EnvdVersion() {
    }

    /** True when {@code version} is at least major.minor.patch; an unreadable version counts as new. */
    static boolean atLeast(String version, int major, int minor, int patch) {
        if (version == null) {
            return true;
        }
        String[] parts = version.trim().replaceFirst("^v", "").split("[.+-]");
        int[] wanted = {major, minor, patch};
        for (int i = 0; i < 3; i++) {
            int have;
            try {
                have = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return true;
            }
            if (have != wanted[i]) {
                return have > wanted[i];
            }
        }
        return true;
    }
}
