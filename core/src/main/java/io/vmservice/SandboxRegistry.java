package io.vmservice;

import io.vmservice.exception.QuotaExceededException;
import io.vmservice.provider.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client's live sandboxes and the slots reserved for ones still booting. Quotas are checked
 * and slots taken under one lock, so concurrent creates can never overshoot a limit; booting
 * happens outside it.
 */
final class SandboxRegistry {

    /** A live sandbox with its owner and the driver for its desktop. */
    record Entry(SandboxInfo info, ProviderSandbox sandbox, DesktopDriver desktop) {
    }

    private final int maxConcurrent;
    private final int maxPerUser;
    private final Map<String, Entry> live = new HashMap<>();
    private final Map<String, Integer> pendingByUser = new HashMap<>();
    private int pending;

    SandboxRegistry(int maxConcurrent, int maxPerUser) {
        this.maxConcurrent = maxConcurrent;
        this.maxPerUser = maxPerUser;
    }

    /** Takes a slot for one more sandbox of this user, or fails with the limit that was hit. */
    synchronized void reserve(String userId) {
        int total = live.size() + pending;
        if (total >= maxConcurrent) {
            throw new QuotaExceededException("the client already runs " + total + " sandboxes, its limit"
                    + " (maxConcurrentSandboxes) is " + maxConcurrent + "; destroy one or raise the limit",
                    total, maxConcurrent);
        }
        int mine = countOf(userId) + pendingByUser.getOrDefault(userId, 0);
        if (mine >= maxPerUser) {
            throw new QuotaExceededException("user " + userId + " already runs " + mine + " sandboxes, the limit"
                    + " per user (maxSandboxesPerUser) is " + maxPerUser, mine, maxPerUser);
        }
        pending++;
        pendingByUser.merge(userId, 1, Integer::sum);
    }

    /** Turns a reserved slot into a live sandbox. */
    synchronized void commit(Entry entry) {
        releaseSlot(entry.info().userId());
        live.put(entry.info().sandboxId(), entry);
    }

    /** Gives back a slot whose sandbox did not come up. */
    synchronized void cancel(String userId) {
        releaseSlot(userId);
    }

    synchronized Optional<Entry> get(String sandboxId) {
        return Optional.ofNullable(live.get(sandboxId));
    }

    synchronized Optional<Entry> remove(String sandboxId) {
        return Optional.ofNullable(live.remove(sandboxId));
    }

    synchronized void updateExpiry(String sandboxId, Instant expiresAt) {
        live.computeIfPresent(sandboxId, (id, e) -> new Entry(e.info().withExpiry(expiresAt), e.sandbox(), e.desktop()));
    }

    synchronized List<Entry> all() {
        return new ArrayList<>(live.values());
    }

    synchronized List<Entry> ofUser(String userId) {
        return live.values().stream().filter(e -> e.info().userId().equals(userId))
                .sorted(java.util.Comparator.comparing(e -> e.info().createdAt())).toList();
    }

    synchronized List<Entry> expiredAt(Instant now) {
        return live.values().stream().filter(e -> !e.info().expiresAt().isAfter(now)).toList();
    }

    synchronized ServiceStats stats() {
        Map<String, Integer> byUser = new TreeMap<>();
        live.values().forEach(e -> byUser.merge(e.info().userId(), 1, Integer::sum));
        return new ServiceStats(live.size(), byUser.size(), byUser);
    }

    private int countOf(String userId) {
        return (int) live.values().stream().filter(e -> e.info().userId().equals(userId)).count();
    }

    private void releaseSlot(String userId) {
        pending--;
        pendingByUser.computeIfPresent(userId, (u, n) -> n == 1 ? null : n - 1);
    }
}
