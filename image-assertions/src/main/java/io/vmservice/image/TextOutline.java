package io.vmservice.image;

import io.vmservice.desktop.Screenshot;
import io.vmservice.desktop.SearchResult;
import io.vmservice.image.text.ScreenText;
import io.vmservice.image.text.Word;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A screen with what OCR read drawn on it: every word's box in blue, then the search as
 * {@link SearchOutline} draws it (nearest text in magenta, matches in red).
 */
final class TextOutline {

    private TextOutline() {
    }

    static Screenshot draw(Screenshot screen, ScreenText read, SearchResult result) {
        BufferedImage annotated = screen.toBufferedImage();
        Graphics2D g = annotated.createGraphics();
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(30, 110, 255));
        for (Word word : read.words()) {
            g.drawRect(word.box().x() - 1, word.box().y() - 1, word.box().width() + 1, word.box().height() + 1);
        }
        g.dispose();
        return SearchOutline.draw(Screenshot.of(annotated), result);
    }
}
