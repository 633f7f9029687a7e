package io.vmservice.provider.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.AuthenticationException;
import io.vmservice.exception.ProviderUnavailableException;
import io.vmservice.exception.SandboxNotFoundException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connect streams that go wrong on the wire, served by the protocol server over real HTTP:
 * envelopes split at every byte, a body that ends or a connection that drops inside an envelope,
 * a stream without its end-of-stream message, a start whose answer never came (not sent again),
 * long silences bridged (or not) by keepalives, and envd's own 401 and the edge's 502. Each
 * ends in a typed error in bounded time, never a hang.
 */
class ConnectStreamFaultTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static ProtocolFixture fixture;
    private static ProtocolFixture.Remote remote;

    @BeforeAll
    static void start() {
        // Keepalives every second and a short read timeout, so silence is tested in seconds.
        fixture = ProtocolFixture.start(b -> b.keepaliveInterval(Duration.ofSeconds(1)).readTimeout(Duration.ofMillis(2500)));
        remote = fixture.createRemote("desktop");
        // Booted now, so the first test's first command does not wait for it past the short read timeout.
        fixture.server.sandbox(remote.id()).local();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void envelopesSplitAcrossNetworkChunksAreReassembled() {
        fixture.server.faults().nextStream(Faults.StreamMode.BYTE_BY_BYTE);
        CommandResult r = remote.processes().run("printf 'one\\ntwo\\n'; printf 'three' >&2; exit 4", null, null, TEN_SECONDS);
        assertThat(r).isEqualTo(new CommandResult(4, "one\ntwo\n", "three"));
    }

    @Test
    void aBodyThatEndsInsideAnEnvelopeIsABrokenStream() {
        fixture.server.faults().nextStream(Faults.StreamMode.CUT_INSIDE_ENVELOPE);
        assertBroken(() -> remote.processes().run("echo hi", null, null, TEN_SECONDS), "cut inside");
    }

    @Test
    void aConnectionDroppedInsideAnEnvelopeIsABrokenStream() {
        fixture.server.faults().nextStream(Faults.StreamMode.DROP_CONNECTION);
        long start = System.nanoTime();
        assertBroken(() -> remote.processes().run("echo hi", null, null, TEN_SECONDS), "");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("noticed at once, not at the read timeout")
                .isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void aStreamWithoutItsEndOfStreamMessageIsBroken() {
        fixture.server.faults().nextStream(Faults.StreamMode.NO_END_OF_STREAM);
        assertBroken(() -> remote.processes().run("echo hi", null, null, TEN_SECONDS), "without an end-of-stream");
    }

    @Test
    void aProcessStartWhoseAnswerIsLostIsNotSentAgain() {
        ServerSandbox server = fixture.server.sandbox(remote.id());
        remote.processes().run("true", null, null, TEN_SECONDS);   // leaves a pooled connection to fail on
        int before = server.startCount();
        fixture.server.faults().nextStream(Faults.StreamMode.CLOSE_BEFORE_ANSWER);
        assertThatThrownBy(() -> remote.processes().run("true", null, null, TEN_SECONDS))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("could not be reached to run true");
        assertThat(server.startCount() - before).as("processes started at the server").isEqualTo(1);
    }

    @Test
    void keepalivesCarryALongSilencePastTheReadTimeout() {
        CommandResult r = remote.processes().run("sleep 4; echo awake", null, null, TEN_SECONDS);
        assertThat(r.stdout()).isEqualTo("awake\n");
        assertThat(fixture.httpLog).anyMatch(line -> line.contains("Keepalive-Ping-Interval: 1"));
    }

    @Test
    void aSilentStreamWithoutKeepalivesFailsAtTheReadTimeout() {
        fixture.server.faults().keepalives(false);
        try {
            long start = System.nanoTime();
            assertBroken(() -> remote.processes().run("sleep 6; echo late", null, null, TEN_SECONDS), "read timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2400), Duration.ofSeconds(5));
        } finally {
            fixture.server.faults().keepalives(true);
        }
    }

    @Test
    void envdRejectingTheAccessTokenIsAnAuthenticationErrorWithoutTheToken() {
        ProtocolFixture.Remote other = fixture.createRemote("desktop");
        String token = other.sandbox().envdAccessToken().reveal();
        fixture.server.rotateAccessToken(other.id());
        assertThatThrownBy(() -> other.processes().run("true", null, null, TEN_SECONDS))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
        assertThatThrownBy(() -> other.files().read("/etc/hostname"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> other.files().stat("/etc"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aSandboxGoneFromTheEdgeIsNotFound() {
        ProtocolFixture.Remote other = fixture.createRemote("base");
        fixture.provider.controlPlane().kill(other.id());
        assertThatThrownBy(() -> other.processes().run("true", null, null, TEN_SECONDS))
                .isInstanceOfSatisfying(SandboxNotFoundException.class, e -> assertThat(e.sandboxId()).isEqualTo(other.id()));
    }

    private static void assertBroken(Runnable call, String why) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(VmServiceException.class, e -> assertThat(e.errorCode()).isEqualTo(EnvdErrors.STREAM_BROKEN))
                .hasMessageContaining(why);
    }
}
