package io.vmservice.desktop;

import static org.awaitility.Awaitility.await;

import io.vmservice.exception.AmbiguousTargetException;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.TargetNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A lazy description of something on the screen, resolved again on every attempt, as
 * Playwright's locators are. An action waits until the target matches exactly once above its
 * similarity and has settled (for pictures: two consecutive identical frames where it is; for
 * accessible elements: the same box twice), then acts on the match's centre (plus an optional
 * offset).
 */
public final class Locator {

    private final Desktop desktop;
    private final Target target;
    private final Point offset;

    Locator(Desktop desktop, Target target, Point offset) {
        this.desktop = desktop;
        this.target = target;
        this.offset = offset;
    }

    /** Acts at the match's centre moved by (dx, dy), e.g. on a text field right of its label. */
    public Locator offset(int dx, int dy) {
        return new Locator(desktop, target, new Point(dx, dy));
    }

    public Desktop click() {
        return desktop.step("click " + target.description(), () -> desktop.click(point(actionable())));
    }

    public Desktop doubleClick() {
        return desktop.step("double-click " + target.description(), () -> {
            Point p = point(actionable());
            return desktop.doubleClick(p.x(), p.y());
        });
    }

    public Desktop rightClick() {
        return desktop.step("right-click " + target.description(), () -> {
            Point p = point(actionable());
            return desktop.rightClick(p.x(), p.y());
        });
    }

    public Desktop hover() {
        return desktop.step("hover " + target.description(), () -> {
            Point p = point(actionable());
            return desktop.move(p.x(), p.y());
        });
    }

    public Desktop dragTo(Locator destination) {
        return desktop.step("drag " + target.description() + " to " + destination.target.description(), () -> {
            Point from = point(actionable());
            return desktop.drag(from, destination.point(destination.actionable()));
        });
    }

    public Desktop dragTo(Point destination) {
        return desktop.step("drag " + target.description() + " to " + destination,
                () -> desktop.drag(point(actionable()), destination));
    }

    /** Waits until the target is unique and stable on the screen; returns where it is. */
    public Match waitVisible() {
        return desktop.step("wait for " + target.description(), this::actionable);
    }

    /** Waits until the target is no longer on the screen. */
    public Desktop waitGone() {
        return desktop.step("wait until " + target.description() + " is gone", () -> {
            AtomicReference<SearchResult> last = new AtomicReference<>();
            AtomicReference<Screenshot> lastScreen = new AtomicReference<>();
            try {
                await(target.description() + " to disappear").atMost(desktop.settings().actionTimeout())
                        .pollInterval(desktop.settings().pollInterval()).pollInSameThread()
                        .until(() -> {
                            Screenshot screen = desktop.screenshot();
                            Screenshot before = lastScreen.getAndSet(screen);
                            last.set(target.search(screen, before, last.get()));
                            return !last.get().found();
                        });
            } catch (ConditionTimeoutException e) {
                throw failure("to disappear", last.get(), lastScreen.get());
            }
            return desktop;
        });
    }

    /** Whether the target is on the screen now; does not wait. */
    public boolean exists() {
        return target.search(desktop.screenshot()).found();
    }

    /** How many times the target is on the screen now; does not wait. */
    public int count() {
        return target.search(desktop.screenshot()).matches().size();
    }

    /**
     * The text of an element of the accessibility tree once it is unique: a field's content, a
     * label's words, a document's text; empty when the element has none.
     */
    public String text() {
        if (!(target instanceof Accessible accessible)) {
            throw new InvalidInputException("text() reads an element of the accessibility tree, not "
                    + target.description() + ": find it by role, e.g. desktop.find(Accessible.role(\"text\")).text()");
        }
        return desktop.step("read the text of " + target.description(),
                () -> accessible.elementAt(actionable()).flatMap(AccessibleElement::text).orElse(""));
    }

    public Target target() {
        return target;
    }

    private Point point(Match match) {
        Point centre = match.center();
        return offset == null ? centre : new Point(centre.x() + offset.x(), centre.y() + offset.y());
    }

    /** The match once it is unique on two consecutive identical frames of its region. */
    private Match actionable() {
        AtomicReference<SearchResult> last = new AtomicReference<>();
        AtomicReference<Screenshot> previous = new AtomicReference<>();
        try {
            Match match = await(target.description() + " to be unique and stable").atMost(desktop.settings().actionTimeout())
                    .pollDelay(Duration.ZERO).pollInterval(desktop.settings().pollInterval()).pollInSameThread()
                    .until(() -> {
                        Screenshot screen = desktop.screenshot();
                        Screenshot before = previous.getAndSet(screen);
                        // Polling mostly sees the same frame, or one changed in a corner.
                        SearchResult earlier = last.get();
                        SearchResult result = target.search(screen, before, earlier);
                        last.set(result);
                        if (!result.unique() || before == null) {
                            return null;
                        }
                        Match found = result.matches().get(0);
                        return target.settled(before, screen, earlier, found) ? found : null;
                    }, found -> found != null);
            desktop.mark(StepMark.match(match));
            return match;
        } catch (ConditionTimeoutException e) {
            throw failure("to be unique and stable", last.get(), previous.get());
        }
    }

    private TargetNotFoundException failure(String expectation, SearchResult last, Screenshot screen) {
        Path saved = screen == null ? null : Artifacts.publish("last screen while waiting for " + target.description(),
                (last == null ? screen : target.annotate(screen, last))
                        .savePng(desktop.artifactsDir().resolve("locator-" + Instant.now().toEpochMilli() + ".png")));
        String found = last == null ? "no screenshot was taken" : target.explain(last);
        LookAlikes lookAlikes = null;
        if (last != null && last.matches().size() > 1 && target instanceof Accessible) {
            found += "; at " + last.matches().stream().map(m -> m.region().toString()).toList()
                    + "; narrow it with .inWindow(...), a state such as .focused(), or .nth(i)";
        } else if (last != null && last.matches().size() > 1) {
            Point origin = target instanceof WindowTarget inWindow ? inWindow.origin() : new Point(0, 0);
            lookAlikes = LookAlikes.of(last, origin);
            // Matches are reported on the screen, the advice in the coordinates the search runs in:
            // the window's corner lets a reader of its capture find the candidates there.
            String where = origin.x() == 0 && origin.y() == 0 ? ""
                    : String.format(Locale.ROOT, " (on the screen; the window's content starts at (%d, %d))",
                            origin.x(), origin.y());
            found += "; candidates" + where + ": " + last.matches() + "\n" + lookAlikes.advice();
        }
        String message = String.format(Locale.ROOT, "waited %d ms for %s %s, but the last search found %s%s%s",
                desktop.settings().actionTimeout().toMillis(), target.description(), expectation, found,
                saved == null ? "" : "; last screen: " + saved.toAbsolutePath(), desktop.recentActionsSuffix());
        return lookAlikes == null ? new TargetNotFoundException(message, last, saved)
                : new AmbiguousTargetException(message, last, saved, lookAlikes);
    }

    @Override
    public String toString() {
        return "Locator[" + target.description() + (offset == null ? "" : " offset " + offset) + "]";
    }
}
