package io.vmservice;

import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import java.util.List;

/**
 * Where a step acted, for a report that draws it on the screen after the step: the point of a
 * click, the path of a drag, the box and score of the match a locator acted on, the place typed
 * text went to (the desktop does not know it: a report draws where the pointer last acted).
 */
public record StepMark(Kind kind, List<Point> points, Match match) {

    /** What the mark shows. */
    public enum Kind { POINT, DRAG, MATCH, TYPING }

    public StepMark {
        points = List.copyOf(points);
    }

    /** The pointer acted here: a click, a move. */
    public static StepMark point(int x, int y) {
        return new StepMark(Kind.POINT, List.of(new Point(x, y)), null);
    }

    public static StepMark drag(Point from, Point to) {
        return new StepMark(Kind.DRAG, List.of(from, to), null);
    }

    /** Keys went to whatever has the focus; {@code at} is where that is, when known. */
    public static StepMark typing(List<Point> at) {
        return new StepMark(Kind.TYPING, at, null);
    }

    public static StepMark match(Match match) {
        return new StepMark(Kind.MATCH, List.of(match.center()), match);
    }
}
