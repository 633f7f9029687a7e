package io.vmservice.internal;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.exception.InvalidInputException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way the SDK waits on a desktop: it looks again every interval until a look is what it
 * waits for or the time is up. Each look is handed the one before (a screen search uses the last
 * frame and result to search only what changed), and the last look is kept, so that a timeout
 * can say what was seen instead of only that time ran out.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal} may change in any release.
 */
@CheckReturnValue
public final class Poll {

    private final String what;
    private final Duration timeout;
    private final Duration interval;
    private final Duration firstDelay;

    private Poll(String what, Duration timeout, Duration interval, Duration firstDelay) {
        this.what = what;
        this.timeout = timeout;
        this.interval = interval;
        this.firstDelay = firstDelay;
    }

    /**
     * A wait for {@code what} (named in Awaitility's timeout) of up to {@code timeout}, looking
     * first at once, then every {@code interval}. A zero timeout looks exactly once.
     */
    public static Poll await(String what, Duration timeout, Duration interval) {
        if (timeout == null || timeout.isNegative() || interval == null || interval.isNegative() || interval.isZero()) {
            throw new InvalidInputException("a wait for " + what + " needs a timeout of zero or more and a positive"
                    + " interval, got " + timeout + " and " + interval);
        }
        return new Poll(what, timeout, interval, Duration.ZERO);
    }

    /** The same wait with its first look only after {@code delay}. */
    public Poll firstLookAfter(Duration delay) {
        return new Poll(what, timeout, interval, delay);
    }

    /**
     * Looks until {@code done} holds for a look or the time is up.
     *
     * @param seed what the first look is handed as the one before, often null
     * @param look the next look from the one before
     */
    public <O> Outcome<O> until(O seed, UnaryOperator<O> look, Predicate<? super O> done) {
        AtomicReference<O> last = new AtomicReference<>(seed);
        if (timeout.isZero()) {
            O once = look.apply(seed);
            return new Outcome<>(done.test(once), once);
        }
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(firstDelay).pollInterval(interval).pollInSameThread()
                    .until(() -> {
                        O next = look.apply(last.get());
                        last.set(next);
                        return done.test(next);
                    });
            return new Outcome<>(true, last.get());
        } catch (ConditionTimeoutException e) {
            return new Outcome<>(false, last.get());
        }
    }

    /** Looks until a look finds something (not null), each look on its own. */
    public <O> Outcome<O> untilFound(Supplier<O> look) {
        return until(null, previous -> look.get(), found -> found != null);
    }

    /**
     * Looks until {@code condition} holds or the time is up, for waits with nothing to report but
     * whether it came: a process ended, a socket listens.
     *
     * @return whether it held
     */
    public boolean untilTrue(BooleanSupplier condition) {
        return until(false, previous -> condition.getAsBoolean(), Boolean::booleanValue).met();
    }

    /**
     * How a wait ended.
     *
     * @param met whether the last look was what the wait waited for
     * @param last the last look; the seed when the time was up before the first one ended
     */
    @CheckReturnValue
    public record Outcome<O>(boolean met, O last) {

        /** The last look when the wait was met; otherwise the failure made from it. */
        @CanIgnoreReturnValue
        public <X extends Throwable> O orElseThrow(Function<? super O, X> failure) throws X {
            if (met) {
                return last;
            }
            throw failure.apply(last);
        }
    }
}
