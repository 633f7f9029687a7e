package io.vmservice.desktop;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.StepMark;
import io.vmservice.screen.AmbiguousTargetException;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.TargetNotFoundException;
import io.vmservice.screen.TargetStillVisibleException;
import io.vmservice.internal.Artifacts;
import io.vmservice.internal.Poll;
import io.vmservice.internal.SearchOutline;
import io.vmservice.screen.LookAlikes;
import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

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
    @CheckReturnValue
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

    /**
     * Waits until the target is no longer on the screen; past the action timeout a
     * {@link TargetStillVisibleException} says where it still was.
     */
    public Desktop waitGone() {
        return desktop.step("wait until " + target.description() + " is gone", () -> {
            poll("to disappear").until(null, this::search, look -> !look.result().found()).orElseThrow(this::stillVisible);
            return desktop;
        });
    }

    /** Whether the target is on the screen now; does not wait. */
    @CheckReturnValue
    public boolean exists() {
        return target.search(desktop.screenshot()).found();
    }

    /** How many times the target is on the screen now; does not wait. */
    @CheckReturnValue
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
        Match match = poll("to be unique and stable").until(null, this::settle, look -> look.settled() != null)
                .orElseThrow(look -> notFound("to be unique and stable", look)).settled();
        desktop.mark(StepMark.match(match));
        return match;
    }

    private Poll poll(String expectation) {
        return Poll.await(target.description() + " " + expectation, desktop.settings().actionTimeout(),
                desktop.settings().pollInterval());
    }

    /** Searches a new frame; polling mostly sees the same frame, or one changed in a corner. */
    private Look search(Look previous) {
        Screenshot screen = desktop.screenshot();
        SearchResult result = previous == null ? target.search(screen)
                : target.search(screen, previous.screen(), previous.result());
        return new Look(screen, result, null);
    }

    /** Searches a new frame and keeps a unique match that has not moved since the frame before. */
    private Look settle(Look previous) {
        Look look = search(previous);
        if (previous == null || !look.result().unique()) {
            return look;
        }
        Match found = look.result().matches().get(0);
        return target.settled(previous.screen(), look.screen(), previous.result(), found)
                ? new Look(look.screen(), look.result(), found) : look;
    }

    private TargetNotFoundException notFound(String expectation, Look last) {
        Path saved = saveScreen(last);
        SearchResult result = last == null ? null : last.result();
        String found = last == null ? "no screenshot was taken" : target.explain(result);
        LookAlikes lookAlikes = null;
        if (result != null && result.matches().size() > 1 && target instanceof Accessible) {
            found += "; at " + result.matches().stream().map(m -> m.region().toString()).toList()
                    + "; narrow it with .inWindow(...), a state such as .focused(), or .nth(i)";
        } else if (result != null && result.matches().size() > 1) {
            Point origin = target instanceof WindowTarget inWindow ? inWindow.origin() : new Point(0, 0);
            lookAlikes = LookAlikes.of(result, origin);
            // Matches are reported on the screen, the advice in the coordinates the search runs in:
            // the window's corner lets a reader of its capture find the candidates there.
            String where = origin.x() == 0 && origin.y() == 0 ? ""
                    : String.format(Locale.ROOT, " (on the screen; the window's content starts at (%d, %d))",
                            origin.x(), origin.y());
            found += "; candidates" + where + ": " + result.matches() + "\n" + lookAlikes.advice();
        }
        String message = String.format(Locale.ROOT, "waited %d ms for %s %s, but the last search found %s%s%s",
                desktop.settings().actionTimeout().toMillis(), target.description(), expectation, found,
                screenSuffix(saved), desktop.recentActionsSuffix());
        return lookAlikes == null ? new TargetNotFoundException(message, result, saved)
                : new AmbiguousTargetException(message, result, saved, lookAlikes);
    }

    private TargetStillVisibleException stillVisible(Look last) {
        Path saved = saveScreen(last);
        SearchResult result = last == null ? null : last.result();
        String found = last == null ? "no screenshot was taken" : "the last search still found it: " + target.explain(result)
                + " at " + result.matches().stream().map(m -> m.region().toString()).toList();
        String message = String.format(Locale.ROOT, "waited %d ms for %s to disappear, but %s%s%s",
                desktop.settings().actionTimeout().toMillis(), target.description(), found,
                screenSuffix(saved), desktop.recentActionsSuffix());
        return new TargetStillVisibleException(message, result, saved);
    }

    /** The last screen with the search and what the target saw drawn on it, in the artifacts folder; null without one. */
    private Path saveScreen(Look last) {
        if (last == null) {
            return null;
        }
        return Artifacts.publish("last screen while waiting for " + target.description(),
                SearchOutline.draw(target.annotate(last.screen(), last.result()), last.result())
                        .savePng(desktop.artifactsDir().resolve("locator-" + Instant.now().toEpochMilli() + ".png")));
    }

    private static String screenSuffix(Path saved) {
        return saved == null ? "" : "; last screen: " + saved.toAbsolutePath();
    }

    /** One look at the screen while waiting: the frame, what the search found, the match once settled. */
    private record Look(Screenshot screen, SearchResult result, Match settled) {
    }

    @Override
    public String toString() {
        return "Locator[" + target.description() + (offset == null ? "" : " offset " + offset) + "]";
    }
}
