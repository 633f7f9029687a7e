package io.vmservice.image;

import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Screenshot;
import io.vmservice.desktop.SearchResult;
import io.vmservice.desktop.Target;
import io.vmservice.image.text.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Assertions on a live desktop. Without {@link #eventually()} they look once; with it they look
 * again until they hold or the assertion timeout passes, and a failure names the best score, its
 * box, the threshold and the last screen (written with the best candidate outlined).
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
    public DesktopAssert eventually() {
        return within(actual.settings().assertionTimeout());
    }

    /** Retries the following checks until this timeout. */
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
        AtomicReference<Screenshot> lastScreen = new AtomicReference<>();
        AtomicReference<SearchResult> lastResult = new AtomicReference<>();
        boolean passed;
        if (timeout == null) {
            passed = look(target, holds, lastScreen, lastResult);
        } else {
            try {
                await("desktop " + actual.sandboxId() + " " + expectation + " " + target.description())
                        .atMost(timeout).pollDelay(Duration.ZERO).pollInterval(actual.settings().pollInterval())
                        .pollInSameThread().until(() -> look(target, holds, lastScreen, lastResult));
                passed = true;
            } catch (ConditionTimeoutException e) {
                passed = false;
            }
        }
        if (!passed) {
            Path screen = writeOutlined(target, lastScreen.get(), lastResult.get());
            failWithMessage("%nExpecting desktop %s%n%s:%n  %s%n%sbut the last screen had %s;%nlast screen: %s",
                    actual.sandboxId(), expectation, target.description(),
                    timeout == null ? "" : String.format(Locale.ROOT, "within %d ms%n", timeout.toMillis()),
                    target instanceof Text ? describeText(lastResult.get()) : target.explain(lastResult.get()),
                    screen.toAbsolutePath());
        }
        return myself;
    }

    private boolean look(Target target, Predicate<SearchResult> holds, AtomicReference<Screenshot> lastScreen,
                         AtomicReference<SearchResult> lastResult) {
        Screenshot screen = actual.screenshot();
        // while retrying, a target may search only around what changed since the last look
        SearchResult result = target.search(screen, lastScreen.get(), lastResult.get());
        lastScreen.set(screen);
        lastResult.set(result);
        return holds.test(result);
    }

    private static String describeText(SearchResult result) {
        return result.matches().size() + " match(es); nearest text read: " + ImageAssert.nearestText(result);
    }

    private Path writeOutlined(Target target, Screenshot screen, SearchResult result) {
        Screenshot outlined = target instanceof Text ? target.annotate(screen, result) : SearchOutline.draw(screen, result);
        Path file = outlined.savePng(actual.artifactsDir().resolve("assertion-" + Instant.now().toEpochMilli() + ".png"));
        return io.vmservice.desktop.Artifacts.publish(target instanceof Text
                ? "last screen, words read outlined" : "last screen, best candidate outlined", file);
    }
}
