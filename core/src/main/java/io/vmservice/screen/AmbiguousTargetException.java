package io.vmservice.screen;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A locator's target stayed on the screen more than once: look-alike widgets. Besides what
 * {@link TargetNotFoundException} says, the message names the fixes with numbers that would
 * have made this last search unique.
 */
public class AmbiguousTargetException extends TargetNotFoundException {

    private final transient LookAlikes lookAlikes;

    public AmbiguousTargetException(String message, SearchResult lastSearch, Path lastScreen, LookAlikes lookAlikes) {
        super(message, lastSearch, lastScreen);
        this.lookAlikes = lookAlikes;
    }

    /** A similarity between the best score and the next, when they differ enough. */
    public OptionalDouble suggestedSimilarity() {
        return lookAlikes.similarity();
    }

    /** A search area holding only the best candidate, in the coordinates the target was searched in. */
    public Optional<Region> suggestedRegion() {
        return lookAlikes.region();
    }
}
