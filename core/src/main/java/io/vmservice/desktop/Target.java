package io.vmservice.desktop;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.screen.Match;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;

/**
 * Something that can be found on a screenshot: an image template, a colour, a text.
 *
 * <p>Core defines the contract; the image-assertions module implements it with OpenCV. A target
 * decides its own similarity threshold, so a locator only has to ask it where it is.
 */
public interface Target {

    /** Searches the whole screenshot. */
    SearchResult search(Screenshot screen);

    /**
     * Searches a screenshot knowing this target's result on an earlier one of the same size, as
     * a locator does while it polls: a target may then search only around what changed, as long
     * as it finds the matches {@link #search(Screenshot)} finds. This default searches it all.
     */
    default SearchResult search(Screenshot screen, Screenshot earlier, SearchResult earlierResult) {
        return search(screen);
    }

    /**
     * This target as searched on a desktop. Targets that read the desktop itself rather than its
     * pixels (the accessibility tree) bind to it here; picture and colour targets are unchanged.
     */
    @CheckReturnValue
    default Target on(Desktop desktop) {
        return this;
    }

    /**
     * Whether a unique match has settled, so that an action may use it: by default the frame
     * before showed the same pixels where it is.
     *
     * @param earlier the search result on {@code before}, null on the first poll
     */
    default boolean settled(Screenshot before, Screenshot now, SearchResult earlier, Match match) {
        return before.samePixels(now, match.region());
    }

    /** What a failure message says about the last search: by default its best score and threshold. */
    default String explain(SearchResult last) {
        return last.describe();
    }

    /**
     * The screen as a failure report shows it, with what this target's own search saw drawn on
     * it (words read), beneath the report's outline of the result's candidates and matches.
     * This default draws nothing.
     */
    default Screenshot annotate(Screenshot screen, SearchResult result) {
        return screen;
    }

    /** A short human-readable name for messages and reports, e.g. {@code template save-button.png}. */
    String description();
}
