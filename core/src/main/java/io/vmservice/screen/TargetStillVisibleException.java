package io.vmservice.screen;

import io.vmservice.exception.ErrorCodes;
import java.nio.file.Path;

/**
 * A locator's target was still on the screen when a wait for it to go away ended. The message
 * says where the last search found it (count, best score, threshold) and where the last
 * screenshot was written, with the matches outlined; {@link #lastSearch()} still found it.
 */
public class TargetStillVisibleException extends TargetSearchException {

    public TargetStillVisibleException(String message, SearchResult lastSearch, Path lastScreen) {
        super(ErrorCodes.TARGET_STILL_VISIBLE, message, lastSearch, lastScreen);
    }
}
