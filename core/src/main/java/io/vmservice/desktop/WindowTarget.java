package io.vmservice.desktop;

import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;

/**
 * A target searched for only inside one window's client area, measured again at every search so
 * that a moved window is followed. Matches are reported in screen coordinates.
 */
final class WindowTarget implements Target {

    private final Window window;
    private final Target target;
    // where the last search's crop began, to turn an earlier result back into crop coordinates
    private volatile Region lastArea;

    WindowTarget(Window window, Target target) {
        this.window = window;
        this.target = target;
    }

    @Override
    public SearchResult search(Screenshot screen) {
        return search(screen, null, null);
    }

    @Override
    public SearchResult search(Screenshot screen, Screenshot earlier, SearchResult earlierResult) {
        Region area = window.visibleArea(screen);
        Region previous = lastArea;
        lastArea = area;
        Screenshot crop = screen.crop(area);
        SearchResult inside = earlier != null && earlierResult != null && area.equals(previous)
                && earlier.width() == screen.width() && earlier.height() == screen.height()
                ? target.search(crop, earlier.crop(area), shift(earlierResult, -area.x(), -area.y()))
                : target.search(crop);
        return shift(inside, area.x(), area.y());
    }

    /** The window's top-left corner of the last search, for advice given in window coordinates. */
    Point origin() {
        Region area = lastArea;
        return area == null ? new Point(0, 0) : new Point(area.x(), area.y());
    }

    Window window() {
        return window;
    }

    @Override
    public String description() {
        return target.description() + " in window " + window.description();
    }

    private static SearchResult shift(SearchResult result, int dx, int dy) {
        return new SearchResult(result.matches().stream().map(m -> shift(m, dx, dy)).toList(),
                result.best().map(m -> shift(m, dx, dy)), result.threshold());
    }

    private static Match shift(Match match, int dx, int dy) {
        Region r = match.region();
        return new Match(new Region(r.x() + dx, r.y() + dy, r.width(), r.height()), match.score());
    }

    @Override
    public String toString() {
        return description();
    }
}
