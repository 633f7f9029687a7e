package io.vmservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmservice.exception.SandboxCreationException;
import io.vmservice.exception.SlotTimeoutException;
import io.vmservice.exception.VmServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The slot gate on its own, without sandboxes: who is served when, and how a wait ends other than
 * with a slot. Each waiter runs on a thread of its own, as parallel tests do.
 */
class SandboxSlotsTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final List<String> served = new CopyOnWriteArrayList<>();

    private CompletableFuture<Void> waiter(SandboxSlots slots, String user, String name) {
        return CompletableFuture.runAsync(() -> {
            slots.take(user, LONG);
            served.add(name);
        });
    }

    private static void awaitWaiting(SandboxSlots slots, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.stats().waiting() == count);
    }

    @Test
    void aRequestHeldBackByItsOwnUsersLimitDoesNotHoldBackOtherUsers() throws Exception {
        SandboxSlots slots = new SandboxSlots(3, 1, StepReporter.NONE);
        slots.take("alice", Duration.ZERO);
        slots.take("bob", Duration.ZERO);
        slots.take("carol", Duration.ZERO);
        CompletableFuture<Void> alice = waiter(slots, "alice", "alice-2");
        awaitWaiting(slots, 1);
        CompletableFuture<Void> dave = waiter(slots, "dave", "dave");
        awaitWaiting(slots, 2);

        slots.release("bob");
        dave.get(10, TimeUnit.SECONDS);
        assertThat(served).containsExactly("dave");
        assertThat(alice).isNotDone();

        slots.release("alice");
        alice.get(10, TimeUnit.SECONDS);
        assertThat(served).containsExactly("dave", "alice-2");
    }

    @Test
    void aRequestThatMayNotWaitDoesNotJumpTheLine() {
        SandboxSlots slots = new SandboxSlots(1, Integer.MAX_VALUE, StepReporter.NONE);
        slots.take("ci", Duration.ZERO);
        waiter(slots, "ci", "waiting");
        awaitWaiting(slots, 1);

        assertThatThrownBy(() -> slots.take("ci", Duration.ZERO))
                .hasMessageContaining("the client already runs 1 sandboxes and 1 creates wait for a slot");
    }

    @Test
    void anInterruptedWaitLeavesTheLineAndKeepsTheInterrupt() throws Exception {
        SandboxSlots slots = new SandboxSlots(1, Integer.MAX_VALUE, StepReporter.NONE);
        slots.take("ci", Duration.ZERO);
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            thread.set(Thread.currentThread());
            try {
                slots.take("ci", LONG);
            } finally {
                stillInterrupted.set(Thread.interrupted());
            }
        });
        awaitWaiting(slots, 1);

        thread.get().interrupt();

        assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(SandboxCreationException.class)
                .withMessageContaining("interrupted while waiting for a sandbox slot");
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(slots.stats().waiting()).isZero();
        assertThat(slots.stats().inUse()).isEqualTo(1);
    }

    @Test
    void closingFailsTheWaitingRequests() {
        SandboxSlots slots = new SandboxSlots(1, Integer.MAX_VALUE, StepReporter.NONE);
        slots.take("ci", Duration.ZERO);
        CompletableFuture<Void> waiting = waiter(slots, "ci", "never");
        awaitWaiting(slots, 1);

        slots.close();

        assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(VmServiceException.class).withMessageContaining("closed");
    }

    @Test
    void aRefusedRequestKeepsItsPlaceAndTriesAgainOnceOneOfOursHasGone() throws Exception {
        SandboxSlots slots = new SandboxSlots(5, Integer.MAX_VALUE, StepReporter.NONE);
        slots.take("ci", Duration.ZERO);
        slots.take("ci", Duration.ZERO);
        SandboxSlots.Request refused = slots.take("ci", LONG);
        CompletableFuture<Boolean> retry = CompletableFuture.supplyAsync(() -> slots.refusedByProvider(refused, "e2b", 2));
        awaitWaiting(slots, 1);
        CompletableFuture<Void> later = waiter(slots, "ci", "later");
        awaitWaiting(slots, 2);
        assertThat(slots.stats()).extracting(SlotStats::limit, SlotStats::inUse, SlotStats::providerRefusals)
                .containsExactly(2, 2, 1);

        slots.release("ci");
        assertThat(retry.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(later).as("the refused request was first in line").isNotDone();

        slots.release("ci");
        later.get(10, TimeUnit.SECONDS);
        assertThat(slots.stats().inUse()).isEqualTo(2);
    }

    @Test
    void aRefusedRequestWaitsForOneOfOursEvenWithASlotFreeUnderTheLimit() throws Exception {
        // The provider counts sandboxes outside this client too: a free slot here is no promise there.
        SandboxSlots slots = new SandboxSlots(3, Integer.MAX_VALUE, StepReporter.NONE);
        slots.take("ci", Duration.ZERO);
        slots.take("ci", Duration.ZERO);
        SandboxSlots.Request refused = slots.take("ci", LONG);
        CompletableFuture<Boolean> retry = CompletableFuture.supplyAsync(() -> slots.refusedByProvider(refused, "e2b", 20));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !retry.isDone());
        assertThat(slots.stats()).extracting(SlotStats::limit, SlotStats::inUse, SlotStats::waiting)
                .containsExactly(3, 2, 1);

        slots.release("ci");
        assertThat(retry.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRefusedRequestThatMayNotWaitReportsTheRefusalAndTheLimitIsLearnedAnyway() {
        SandboxSlots slots = new SandboxSlots(8, Integer.MAX_VALUE, StepReporter.NONE);
        SandboxSlots.Request request = slots.take("ci", Duration.ZERO);

        assertThat(slots.refusedByProvider(request, "e2b", 5)).isFalse();

        assertThat(slots.stats()).extracting(SlotStats::limit, SlotStats::inUse).containsExactly(5, 0);
    }

    @Test
    void aTimedOutRequestLeavesTheLineToThoseBehindIt() throws Exception {
        SandboxSlots slots = new SandboxSlots(1, Integer.MAX_VALUE, StepReporter.NONE);
        slots.take("ci", Duration.ZERO);
        CompletableFuture<Void> brief = CompletableFuture.runAsync(() -> slots.take("ci", Duration.ofMillis(300)));
        assertThat(brief).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(SlotTimeoutException.class);
        assertThat(slots.stats().waiting()).isZero();
        assertThat(slots.stats().waits()).as("only waits that got a slot are counted").isZero();
    }
}
