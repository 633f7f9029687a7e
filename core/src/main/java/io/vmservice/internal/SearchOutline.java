package io.vmservice.internal;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A screen with a search drawn on it, as failure reports show it: the best candidate in magenta,
 * the matches in red.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal} may change in any release.
 */
public final class SearchOutline {

    private SearchOutline() {
    }

    public static Screenshot draw(Screenshot screen, SearchResult result) {
        BufferedImage annotated = screen.toBufferedImage();
        Graphics2D g = annotated.createGraphics();
        g.setStroke(new BasicStroke(2f));
        g.setColor(Color.MAGENTA);
        result.best().ifPresent(best -> outline(g, best.region()));
        g.setColor(Color.RED);
        result.matches().forEach(match -> outline(g, match.region()));
        g.dispose();
        return Screenshot.of(annotated);
    }

    private static void outline(Graphics2D g, Region region) {
        g.drawRect(region.x() - 1, region.y() - 1, region.width() + 1, region.height() + 1);
    }
}
