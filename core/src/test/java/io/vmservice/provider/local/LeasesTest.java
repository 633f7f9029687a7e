package io.vmservice.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.SandboxReleasedException;
import io.vmservice.sandbox.SandboxConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Leases of one sandbox: each hand-out a new value, each given back exactly once. */
class LeasesTest {

    private static final SandboxConfig CONFIG = SandboxConfig.builder().template("minimal").build();

    // Hand-outs of a just-booted sandbox set no limits, so no cgroups are needed here.
    private final Leases leases = new Leases("box", CONFIG, null);

    @Test
    void aLeaseGivenBackNoLongerActsAndTheNextIsAnotherValue() {
        Lease first = leases.handOutAsBooted("alice");
        leases.requireHeld(first);

        assertThat(leases.release(first)).isTrue();
        Lease second = leases.handOutAsBooted("alice");

        assertThat(second).isNotEqualTo(first);
        assertThat(first.held()).as("a lease never changes").isTrue();
        assertThat(leases.holds(second)).isTrue();
        assertThatThrownBy(() -> leases.requireHeld(first)).isInstanceOf(SandboxReleasedException.class)
                .isInstanceOf(SandboxNotFoundException.class).hasMessageContaining("box");
        assertThat(leases.release(first)).as("giving an old lease back again").isFalse();
        assertThat(leases.holds(second)).isTrue();
    }

    @Test
    void aLeaseGivenBackFromSeveralThreadsIsGivenBackOnce() throws Exception {
        Lease lease = leases.handOutAsBooted(null);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> releases = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                releases.add(threads.submit(() -> {
                    go.await();
                    return leases.release(lease);
                }));
            }
            go.countDown();
            List<Boolean> released = new ArrayList<>();
            for (Future<Boolean> release : releases) {
                released.add(release.get(10, TimeUnit.SECONDS));
            }
            assertThat(released).containsOnlyOnce(true);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theIdleLeaseOfASandboxCannotBeGivenBack() {
        Lease idle = leases.current();

        assertThat(idle.held()).isFalse();
        assertThat(leases.release(idle)).isFalse();
        assertThat(leases.current()).isSameAs(idle);
    }
}
