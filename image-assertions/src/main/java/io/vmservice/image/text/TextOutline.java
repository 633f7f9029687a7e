package io.vmservice.image.text;

import io.vmservice.desktop.Region;
import io.vmservice.desktop.Screenshot;
import io.vmservice.desktop.SearchResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A screen with what OCR read drawn on it, for failure reports: every word's box in blue, the
 * nearest text in magenta, the matches in red (the colours of the picture searches' reports).
 */
final class TextOutline {

    private TextOutline() {
    }

    static Screenshot draw(Screenshot screen, ScreenText read, SearchResult result) {
        BufferedImage annotated = screen.toBufferedImage();
        Graphics2D g = annotated.createGraphics();
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(30, 110, 255));
        read.words().forEach(word -> outline(g, word.box()));
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
