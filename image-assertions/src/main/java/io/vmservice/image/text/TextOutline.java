package io.vmservice.image.text;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A screen with what OCR read drawn on it, for failure reports: every word's box in blue, beneath
 * the search's own outline (nearest text in magenta, matches in red) that the report adds.
 */
final class TextOutline {

    private TextOutline() {
    }

    static Screenshot draw(Screenshot screen, ScreenText read) {
        BufferedImage annotated = screen.toBufferedImage();
        Graphics2D g = annotated.createGraphics();
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(30, 110, 255));
        read.words().forEach(word -> outline(g, word.box()));
        g.dispose();
        return Screenshot.of(annotated);
    }

    private static void outline(Graphics2D g, Region region) {
        g.drawRect(region.x() - 1, region.y() - 1, region.width() + 1, region.height() + 1);
    }
}
