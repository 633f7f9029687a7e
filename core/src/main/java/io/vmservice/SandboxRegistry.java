package io.vmservice;

import io.vmservice.internal.desktop.DesktopDriver;
import io.vmservice.provider.ProviderSandbox;
import io.vmservice.sandbox.SandboxInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client's live sandboxes, by id. The slots they hold, and those of sandboxes still booting,
 * are counted by {@link SandboxSlots}.
 */
final class SandboxRegistry {

    /** A live sandbox with its owner and the driver for its desktop. */
    record Entry(SandboxInfo info, ProviderSandbox sandbox, DesktopDriver desktop) {
    }

    private final Map<String, Entry> live = new HashMap<>();

    synchronized void add(Entry entry) {
        live.put(entry.info().sandboxId(), entry);
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
}
