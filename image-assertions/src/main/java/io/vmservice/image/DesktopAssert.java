package io.vmservice.image;

import static org.awaitility.Awaitility.await;

import io.vmservice.desktop.Desktop;
import io.vmservice.desktop.Screenshot;
import io.vmservice.desktop.SearchResult;
import io.vmservice.desktop.Target;
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
            Path screen = writeOutlined(lastScreen.get(), lastResult.get());
            failWithMessage("%nExpecting desktop %s%n%s:%n  %s%n%sbut the last screen had %s;%nlast screen: %s",
                    actual.sandboxId(), expectation, target.description(),
                    timeout == null ? "" : String.format(Locale.ROOT, "within %d ms%n", timeout.toMillis()),
                    target.explain(lastResult.get()), screen.toAbsolutePath());
        }
        return myself;
    }

    private boolean look(Target target, Predicate<SearchResult> holds, AtomicReference<Screenshot> lastScreen,
                         AtomicReference<SearchResult> lastResult) {
        Screenshot screen = actual.screenshot();
        SearchResult result = target.search(screen);
        lastScreen.set(screen);
        lastResult.set(result);
        return holds.test(result);
    }

    private Path writeOutlined(Screenshot screen, SearchResult result) {
        Path file = SearchOutline.draw(screen, result).savePng(actual.artifactsDir().resolve(
                "assertion-" + Instant.now().toEpochMilli() + ".png"));
        return io.vmservice.desktop.Artifacts.publish("last screen, best candidate outlined", file);
    }
}
