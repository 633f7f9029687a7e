package io.vmservice;

import java.util.Map;

/** A snapshot of the client's sandboxes, as the seed SDK's {@code get_stats()}. */
public record ServiceStats(int totalActiveSandboxes, int totalUsers, Map<String, Integer> sandboxesByUser) {

    public ServiceStats {
        sandboxesByUser = Map.copyOf(sandboxesByUser);
    }
}
