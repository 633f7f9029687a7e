package io.vmservice;

import java.time.Duration;

/**
 * How the client's sandbox slots are used: now, and since the client was built.
 *
 * @param limit sandboxes allowed at once; lower than configured once a provider reported a lower limit of its own
 * @param inUse slots taken: sandboxes booting, running, or being destroyed
 * @param waiting creates waiting for a slot now
 * @param waits creates that had to wait
 * @param longestWait the longest any create waited
 * @param totalWait all waits added up
 * @param providerRefusals creates the provider refused for its own concurrency limit (each tried again later)
 */
public record SlotStats(int limit, int inUse, int waiting, int waits, Duration longestWait, Duration totalWait,
                        int providerRefusals) {
}
