package io.vmservice.exception;

import io.vmservice.desktop.SearchResult;
import java.nio.file.Path;

/**
 * A locator's target did not become unique and stable on the screen in time. The message says
 * what was searched, what the last search found (count, best score, where, threshold) and where
 * the last screenshot was written.
 */
public class TargetNotFoundException extends VmServiceException {

    private final transient SearchResult lastSearch;
    private final Path lastScreen;

    public TargetNotFoundException(String message, SearchResult lastSearch, Path lastScreen) {
        super(ErrorCodes.TARGET_NOT_FOUND, message, SearchDetails.of(lastSearch, lastScreen), null);
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
}
