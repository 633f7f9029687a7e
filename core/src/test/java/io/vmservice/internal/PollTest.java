package io.vmservice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one wait: each look sees the one before, the last look survives a timeout, errors are not swallowed. */
class PollTest {

    private static final Duration INTERVAL = Duration.ofMillis(5);

    @Test
    void looksUntilALookIsGoodEachSeeingTheOneBefore() {
        List<Integer> seen = new ArrayList<>();
        Poll.Outcome<Integer> outcome = Poll.await("three looks", Duration.ofSeconds(10), INTERVAL)
                .until(0, previous -> {
                    seen.add(previous);
                    return previous + 1;
                }, n -> n == 3);

        assertThat(outcome).isEqualTo(new Poll.Outcome<>(true, 3));
        assertThat(seen).containsExactly(0, 1, 2);
    }

    @Test
    void aTimeoutKeepsTheLastLookForTheFailure() {
        Poll.Outcome<Integer> outcome = Poll.await("a look that never comes", Duration.ofMillis(100), INTERVAL)
                .until(0, previous -> previous + 1, n -> false);

        assertThat(outcome.met()).isFalse();
        assertThat(outcome.last()).isGreaterThan(1);
        assertThatThrownBy(() -> outcome.orElseThrow(last -> new IllegalStateException("gave up after look " + last)))
                .isInstanceOf(IllegalStateException.class).hasMessage("gave up after look " + outcome.last());
    }

    @Test
    void aZeroTimeoutLooksOnce() {
        List<String> looks = new ArrayList<>();
        Poll.Outcome<String> outcome = Poll.await("one look", Duration.ZERO, INTERVAL).until(null, previous -> {
            looks.add("look");
            return "seen";
        }, seen -> false);

        assertThat(outcome).isEqualTo(new Poll.Outcome<>(false, "seen"));
        assertThat(looks).hasSize(1);
    }

    @Test
    void untilTrueSaysWhetherTheConditionCame() {
        int[] calls = {0};

        assertThat(Poll.await("the third call", Duration.ofSeconds(10), INTERVAL).untilTrue(() -> ++calls[0] == 3))
                .isTrue();
        assertThat(calls[0]).isEqualTo(3);
        assertThat(Poll.await("never", Duration.ofMillis(50), INTERVAL).untilTrue(() -> false)).isFalse();
    }

    @Test
    void untilFoundAnswersTheFirstThingFound() {
        int[] calls = {0};
        String found = Poll.await("the third call", Duration.ofSeconds(10), INTERVAL)
                .untilFound(() -> ++calls[0] == 3 ? "found" : null)
                .orElseThrow(none -> new AssertionError("not found"));

        assertThat(found).isEqualTo("found");
    }

    @Test
    void anErrorInALookEndsTheWaitAsItIs() {
        assertThatThrownBy(() -> Poll.await("a failing look", Duration.ofSeconds(10), INTERVAL)
                .until(null, previous -> {
                    throw new InvalidInputException("off the screen");
                }, anything -> true))
                .isInstanceOf(InvalidInputException.class).hasMessage("off the screen");
    }

    @Test
    void aWaitNeedsATimeoutAndAPositiveInterval() {
        assertThatThrownBy(() -> Poll.await("nothing", Duration.ofSeconds(-1), INTERVAL))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a wait for nothing");
        assertThatThrownBy(() -> Poll.await("nothing", Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);
    }
}
