package io.vmservice.screen;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The details of a failed wait for a target: what the last search found and where its screen went. */
final class SearchDetails {

    private SearchDetails() {
    }

    static Map<String, Object> of(SearchResult search, Path screen) {
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
