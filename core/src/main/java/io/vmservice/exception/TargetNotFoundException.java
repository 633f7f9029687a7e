package io.vmservice.exception;

import io.vmservice.desktop.SearchResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A locator's target did not become unique and stable on the screen in time. The message says
 * what was searched, what the last search found (count, best score, where, threshold) and where
 * the last screenshot was written.
 */
public class TargetNotFoundException extends VmServiceException {

    private final transient SearchResult lastSearch;
    private final Path lastScreen;

    public TargetNotFoundException(String message, SearchResult lastSearch, Path lastScreen) {
        super("TARGET_NOT_FOUND", message, details(lastSearch, lastScreen), null);
        this.lastSearch = lastSearch;
        this.lastScreen = lastScreen;
    }

    /** The last search on the live screen, or null when no screenshot was taken. */
    public SearchResult lastSearch() {
        return lastSearch;
    }

    /** Where the last screenshot was written, or null. */
    public Path lastScreen() {
        return lastScreen;
    }

    private static Map<String, Object> details(SearchResult search, Path screen) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (search != null) {
            details.put("matches", search.matches().size());
            details.put("threshold", search.threshold());
            search.best().ifPresent(best -> details.put("best_score", best.score()));
        }
        if (screen != null) {
            details.put("last_screen", screen.toString());
        }
        return details;
    }
}
