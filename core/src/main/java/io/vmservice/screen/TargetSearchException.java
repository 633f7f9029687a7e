package io.vmservice.screen;

import io.vmservice.exception.VmServiceException;
import java.nio.file.Path;

/**
 * A locator's wait ended with its target not where it was awaited: not found (or not unique and
 * stable), or still on the screen. It carries the last search and where the last screenshot was
 * written, with the matches outlined.
 */
public abstract class TargetSearchException extends VmServiceException {

    private final transient SearchResult lastSearch;
    private final Path lastScreen;

    protected TargetSearchException(String errorCode, String message, SearchResult lastSearch, Path lastScreen) {
        super(errorCode, message, SearchDetails.of(lastSearch, lastScreen), null);
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
