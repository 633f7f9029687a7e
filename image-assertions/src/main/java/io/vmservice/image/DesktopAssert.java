package io.vmservice.image;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Target;
import io.vmservice.image.text.Text;
import io.vmservice.internal.Poll;
import io.vmservice.internal.SearchOutline;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a live desktop. Without {@link #eventually()} they look once; with it they look
 * again until they hold or the assertion timeout passes, and a failure names the best score, its
 * box, the threshold and the last screen (written with the best candidate outlined). The checks
 * have the names of {@link ImageAssert}'s: {@code shows}, {@code doesNotShow}, {@code showsExactly},
 * {@code showsText}, {@code doesNotShowText}.
 *
 * <pre>{@code
 * assertThat(desktop).eventually().shows(Template.fromResource("/saved-title.png"));
 * assertThat(desktop).eventually().showsText("Order placed!");
 * }</pre>
 */
public class DesktopAssert extends AbstractAssert<DesktopAssert, Desktop> {

    private Duration timeout;

    DesktopAssert(Desktop actual) {
        super(actual, DesktopAssert.class);
        isNotNull();
    }

    /** Retries the following checks until the desktop's assertion timeout. */
    @CheckReturnValue
    public DesktopAssert eventually() {
        return within(actual.settings().assertionTimeout());
    }

    /** Retries the following checks until this timeout. */
    @CheckReturnValue
    public DesktopAssert within(Duration retryFor) {
        this.timeout = retryFor;
        return myself;
    }

    public DesktopAssert shows(Target target) {
        return check(target, "to show", SearchResult::found);
    }

    public DesktopAssert doesNotShow(Target target) {
        return check(target, "not to show", result -> !result.found());
    }

    /** The words are read on the screen (see {@link Text#of}); with eventually(), once they appear. */
    public DesktopAssert showsText(String words) {
        return shows(Text.of(words));
    }

    /** The text is read on the screen; with eventually(), once it appears. */
    public DesktopAssert showsText(Text text) {
        return shows(text);
    }

    /** The words are read nowhere on the screen; with eventually(), once they are gone. */
    public DesktopAssert doesNotShowText(String words) {
        return doesNotShow(Text.of(words));
    }

    public DesktopAssert showsExactly(int count, Target target) {
        return check(target, "to show exactly " + count + " time(s)", result -> result.matches().size() == count);
    }

    /** The accessibility tree has an element that fits, e.g. {@code Accessible.role("check box").name("Wrap lines").checked()}. */
    public DesktopAssert hasElement(Target element) {
        return check(element, "to have the element", SearchResult::found);
    }

    public DesktopAssert doesNotHaveElement(Target element) {
        return check(element, "not to have the element", result -> !result.found());
    }

    private DesktopAssert check(Target unbound, String expectation, Predicate<SearchResult> holds) {
        Target target = unbound.on(actual);
        Poll.Outcome<Look> outcome = Poll.await("desktop " + actual.sandboxId() + " " + expectation + " "
                        + target.description(), timeout == null ? Duration.ZERO : timeout, actual.settings().pollInterval())
                .until(null, previous -> look(target, previous), look -> holds.test(look.result()));
        if (!outcome.met()) {
            Look last = outcome.last();
            String seen = last == null ? "nothing: no screenshot was taken"
                    : target.explain(last.result());
            failWithMessage("%nExpecting desktop %s%n%s:%n  %s%n%sbut the last screen had %s;%nlast screen: %s",
                    actual.sandboxId(), expectation, target.description(),
                    timeout == null ? "" : String.format(Locale.ROOT, "within %d ms%n", timeout.toMillis()),
                    seen, last == null ? "none" : writeOutlined(target, last).toAbsolutePath());
        }
        return myself;
    }

    /** Searches a new frame; while retrying, a target may search only around what changed since the last look. */
    private Look look(Target target, Look previous) {
        Screenshot screen = actual.screenshot();
        SearchResult result = previous == null ? target.search(screen)
                : target.search(screen, previous.screen(), previous.result());
        return new Look(screen, result);
    }

    /** One look at the desktop: the frame and what the search found on it. */
    private record Look(Screenshot screen, SearchResult result) {
    }

    private Path writeOutlined(Target target, Look last) {
        Screenshot outlined = SearchOutline.draw(target.annotate(last.screen(), last.result()), last.result());
        Path file = outlined.savePng(actual.artifactsDir().resolve("assertion-" + Instant.now().toEpochMilli() + ".png"));
        return io.vmservice.internal.Artifacts.publish("last screen, search outlined", file);
    }
}
