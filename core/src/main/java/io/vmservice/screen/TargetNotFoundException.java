package io.vmservice.screen;

import io.vmservice.exception.ErrorCodes;
import java.nio.file.Path;

/**
 * A locator's target did not become unique and stable on the screen in time. The message says
 * what was searched, what the last search found (count, best score, where, threshold) and where
 * the last screenshot was written.
 */
public class TargetNotFoundException extends TargetSearchException {

    public TargetNotFoundException(String message, SearchResult lastSearch, Path lastScreen) {
        super(ErrorCodes.TARGET_NOT_FOUND, message, lastSearch, lastScreen);
    }
}
