package io.vmservice.exception;

import io.vmservice.desktop.SearchResult;
import java.nio.file.Path;

/**
 * A locator's target was still on the screen when a wait for it to go away ended. The message
 * says where the last search found it (count, best score, threshold) and where the last
 * screenshot was written, with the matches outlined.
 */
public class TargetStillVisibleException extends VmServiceException {

    private final transient SearchResult lastSearch;
    private final Path lastScreen;

    public TargetStillVisibleException(String message, SearchResult lastSearch, Path lastScreen) {
        super(ErrorCodes.TARGET_STILL_VISIBLE, message, SearchDetails.of(lastSearch, lastScreen), null);
        this.lastSearch = lastSearch;
        this.lastScreen = lastScreen;
    }

    /** The last search on the live screen, which still found the target; null when no screenshot was taken. */
    public SearchResult lastSearch() {
        return lastSearch;
    }

    /** Where the last screenshot was written, or null. */
    public Path lastScreen() {
        return lastScreen;
    }
}
