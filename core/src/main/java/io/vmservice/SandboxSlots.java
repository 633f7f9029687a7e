package io.vmservice;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.QuotaExceededException;
import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.SlotTimeoutException;
import io.vmservice.exception.VmServiceException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's sandbox slots. One is taken before a sandbox boots and given back once the sandbox
 * is gone (destroyed, timed out, or failed to boot), so the limits hold at every moment. A create
 * either takes a slot at once or fails (the seed's behaviour), or waits for one up to a timeout,
 * first come first served, as Selenium Grid's new-session queue waits for a free node.
 *
 * <p>Requests are served in arrival order. One that cannot be served only because its own user is
 * at the per-user limit does not hold back later requests of other users. One the provider refused
 * for its own concurrency limit keeps its place and tries again once one of this client's
 * sandboxes is gone, or after {@link #PROVIDER_RETRY_PAUSE}, as sandboxes outside this client may
 * end too; the provider's limit becomes the gate's size for the rest of the client's life.
 *
 * <p>A lock and one condition rather than a fair {@code Semaphore}: the limit shrinks while
 * requests wait, a refused request goes back to its old place, and a wait says how many are ahead.
 * Waiters are woken by the release itself, not by polling.
 */
final class SandboxSlots {

    static final Duration PROVIDER_RETRY_PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSlots.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int perUserLimit;
    private final StepReporter steps;
    private final Map<String, Integer> byUser = new HashMap<>();
    private final TreeMap<Long, Request> queue = new TreeMap<>();
    private int limit;
    private String limitName = "maxConcurrentSandboxes";
    private int inUse;
    private long arrivals;
    private long releases;
    private boolean closed;
    private int waits;
    private long longestWaitNanos;
    private long totalWaitNanos;
    private int refusals;

    /** @param steps where each wait is reported as a step (Allure's, in a JUnit suite) */
    SandboxSlots(int limit, int perUserLimit, StepReporter steps) {
        this.limit = limit;
        this.perUserLimit = perUserLimit;
        this.steps = steps;
    }

    /** One create's place in line, from its arrival until it got a slot or gave up. */
    static final class Request {
        private final long ticket;
        private final String userId;
        private final Duration timeout;
        private final long arrivedNanos;
        private boolean waited;
        /** Releases seen when the provider refused this request; -1 while it never was. */
        private long releasesAtRefusal = -1;
        private long retryAtNanos;

        private Request(long ticket, String userId, Duration timeout) {
            this.ticket = ticket;
            this.userId = userId;
            this.timeout = timeout;
            this.arrivedNanos = System.nanoTime();
        }

        boolean mayWait() {
            return !timeout.isZero();
        }

        private long deadlineNanos() {
            return arrivedNanos + timeout.toNanos();
        }

        private boolean mayTry(long releases, long now) {
            return releasesAtRefusal < 0 || releases > releasesAtRefusal || now - retryAtNanos >= 0;
        }
    }

    /**
     * Takes a slot for one more sandbox of this user, waiting up to {@code timeout} in arrival order.
     *
     * @param timeout zero: fail at once when no slot is free
     * @throws QuotaExceededException when no slot is free and {@code timeout} is zero
     * @throws SlotTimeoutException when none came free in time
     */
    Request take(String userId, Duration timeout) {
        Request request;
        lock.lock();
        try {
            ensureOpen();
            request = new Request(arrivals++, userId, timeout);
            queue.put(request.ticket, request);
            if (grantable(request)) {
                grant(request);
                return request;
            }
            if (!request.mayWait()) {
                queue.remove(request.ticket);
                throw full(request);
            }
        } finally {
            lock.unlock();
        }
        awaitTurn(request, "");
        return request;
    }

    /**
     * The provider refused the sandbox for its own concurrency limit, and made nothing: the slot is
     * given back (no sandbox of ours ended, so nobody is woken for it), the gate shrinks to the
     * provider's limit, and a request that may wait goes back to its place until one of this
     * client's sandboxes is gone, or the pause has passed.
     *
     * @param providerLimit the limit the provider reported, 0 or less when it did not say
     * @throws SlotTimeoutException when no slot came free again in time
     * @return false when the request may not wait: the caller reports the refusal
     */
    boolean refusedByProvider(Request request, String provider, int providerLimit) {
        String reason;
        lock.lock();
        try {
            refusals++;
            giveBack(request.userId);
            changed.signalAll();
            if (providerLimit > 0 && providerLimit < limit) {
                LOG.info("the {} provider allows {} sandboxes at once: this client now runs at most {} (was {})",
                        provider, providerLimit, providerLimit, limit);
                limit = providerLimit;
                limitName = "the " + provider + " provider's concurrency limit";
            }
            if (!request.mayWait()) {
                return false;
            }
            request.releasesAtRefusal = releases;
            request.retryAtNanos = System.nanoTime() + PROVIDER_RETRY_PAUSE.toNanos();
            queue.put(request.ticket, request);
            reason = "; the " + provider + " provider refused the last try";
        } finally {
            lock.unlock();
        }
        awaitTurn(request, reason);
        return true;
    }

    /** Gives a slot back once its sandbox is gone, for the next request in line. */
    void release(String userId) {
        lock.lock();
        try {
            giveBack(userId);
            releases++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Fails every waiting request, and any later one. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    SlotStats stats() {
        lock.lock();
        try {
            return new SlotStats(limit, inUse, queue.size(), waits, Duration.ofNanos(longestWaitNanos),
                    Duration.ofNanos(totalWaitNanos), refusals);
        } finally {
            lock.unlock();
        }
    }

    private void awaitTurn(Request request, String reason) {
        String step;
        lock.lock();
        try {
            step = "waiting for a sandbox slot: " + inUse + " in use, " + queue.headMap(request.ticket).size() + " ahead";
        } finally {
            lock.unlock();
        }
        LOG.info("{} (limit {}: {}; waits at most {}{})", step, limit, limitName, text(request.timeout), reason);
        long start = System.nanoTime();
        steps.step(step, () -> {
            waitForGrant(request);
            return null;
        });
        LOG.debug("got a sandbox slot after {}", text(Duration.ofNanos(System.nanoTime() - start)));
    }

    private void waitForGrant(Request request) {
        lock.lock();
        try {
            request.waited = true;
            while (!grantable(request)) {
                if (closed) {
                    leave(request);
                    throw new VmServiceException(ErrorCodes.CLIENT_CLOSED, "the client was closed while a create waited for a sandbox slot");
                }
                long now = System.nanoTime();
                long left = request.deadlineNanos() - now;
                if (left <= 0) {
                    leave(request);
                    throw timedOut(request, now);
                }
                boolean pausing = request.releasesAtRefusal >= 0 && request.retryAtNanos - now > 0;
                changed.awaitNanos(pausing ? Math.min(left, request.retryAtNanos - now) : left);
            }
            grant(request);
        } catch (InterruptedException e) {
            leave(request);
            Thread.currentThread().interrupt();
            throw new SandboxCreationException("interrupted while waiting for a sandbox slot, after "
                    + text(Duration.ofNanos(System.nanoTime() - request.arrivedNanos)) + "; nothing was booted", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether this request's turn has come: the free slots go to the requests in line in arrival
     * order, skipping those whose user is at the per-user limit; a refused request holds its slot
     * in line but takes it only once it may try again.
     */
    private boolean grantable(Request request) {
        int free = limit - inUse;
        Map<String, Integer> room = new HashMap<>();
        for (Request next : queue.values()) {
            if (free <= 0) {
                return false;
            }
            int userRoom = room.computeIfAbsent(next.userId, u -> perUserLimit - byUser.getOrDefault(u, 0));
            if (userRoom <= 0) {
                if (next == request) {
                    return false;
                }
                continue;
            }
            free--;
            room.put(next.userId, userRoom - 1);
            if (next == request) {
                return request.mayTry(releases, System.nanoTime());
            }
        }
        return false;
    }

    private void grant(Request request) {
        queue.remove(request.ticket);
        inUse++;
        byUser.merge(request.userId, 1, Integer::sum);
        if (request.waited) {
            long waited = System.nanoTime() - request.arrivedNanos;
            waits++;
            totalWaitNanos += waited;
            longestWaitNanos = Math.max(longestWaitNanos, waited);
        }
    }

    /** A request that gave up leaves the line; those behind it may now be served. */
    private void leave(Request request) {
        queue.remove(request.ticket);
        changed.signalAll();
    }

    private void giveBack(String userId) {
        inUse--;
        byUser.computeIfPresent(userId, (u, n) -> n == 1 ? null : n - 1);
    }

    private QuotaExceededException full(Request request) {
        int mine = byUser.getOrDefault(request.userId, 0);
        if (mine >= perUserLimit) {
            return new QuotaExceededException("user " + request.userId + " already runs " + mine + " sandboxes, the limit"
                    + " per user (maxSandboxesPerUser) is " + perUserLimit, mine, perUserLimit);
        }
        String queued = queue.isEmpty() ? "" : " and " + queue.size() + " creates wait for a slot";
        return new QuotaExceededException("the client already runs " + inUse + " sandboxes" + queued + ", its limit ("
                + limitName + ") is " + limit + "; destroy one or raise the limit", inUse, limit);
    }

    private SlotTimeoutException timedOut(Request request, long now) {
        Duration waited = Duration.ofNanos(now - request.arrivedNanos);
        int behind = queue.tailMap(request.ticket, false).size();
        int mine = byUser.getOrDefault(request.userId, 0);
        boolean perUser = mine >= perUserLimit;
        String held = perUser
                ? "user " + request.userId + " holds " + mine + " of its " + perUserLimit + " slots (maxSandboxesPerUser)"
                : inUse + " of " + limit + " slots are in use (limit: " + limitName + ")";
        return new SlotTimeoutException("no sandbox slot came free within " + text(request.timeout) + " (waited "
                + text(waited) + "): " + held + ", " + behind + " more creates wait behind this one; end sandboxes"
                + " sooner, raise the limit, create fewer at once, or wait longer. Nothing was booted.",
                perUser ? mine : inUse, perUser ? perUserLimit : limit, waited, null);
    }

    private void ensureOpen() {
        if (closed) {
            throw new VmServiceException(ErrorCodes.CLIENT_CLOSED, "the client is closed; build a new one");
        }
    }

    static String text(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / (double) TimeUnit.SECONDS.toNanos(1));
    }
}
