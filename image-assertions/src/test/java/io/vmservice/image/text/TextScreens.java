package io.vmservice.image.text;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Screens with text drawn in code (DejaVu Sans, as on the sandboxes' desktops), and where each
 * label's ink is, found from the pixels it changed.
 */
final class TextScreens {

    /** A label drawn on a screen and the box of its ink. */
    record Label(String text, Region ink) {
    }

    private final BufferedImage image;
    private final List<Label> labels = new ArrayList<>();

    TextScreens(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(246, 245, 244));
        g.fillRect(0, 0, width, height);
        g.dispose();
    }

    /** Draws text with its baseline's left end at (x, y); {@code points} at 96 dpi. */
    TextScreens label(String text, int x, int y, float points, Color ink, Color ground) {
        Font font = new Font("DejaVu Sans", Font.PLAIN, 1).deriveFont(points * 96f / 72f);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        var metrics = g.getFontMetrics();
        int pad = 4;
        g.setColor(ground);
        g.fillRect(x - pad, y - metrics.getAscent() - pad, metrics.stringWidth(text) + 2 * pad,
                metrics.getAscent() + metrics.getDescent() + 2 * pad);
        Screenshot before = Screenshot.of(copy());
        g.setColor(ink);
        g.drawString(text, x, y);
        g.dispose();
        Region inkBox = Screenshot.of(image).changedSince(before, new Region(0, 0, image.getWidth(), image.getHeight()))
                .orElseThrow();
        labels.add(new Label(text, inkBox));
        return this;
    }

    TextScreens label(String text, int x, int y, float points) {
        return label(text, x, y, points, new Color(30, 30, 30), new Color(246, 245, 244));
    }

    /** A button: a framed, lighter box with the label inside, as GTK draws one. */
    TextScreens button(String text, int x, int y, float points) {
        Font font = new Font("DejaVu Sans", Font.PLAIN, 1).deriveFont(points * 96f / 72f);
        Graphics2D g = image.createGraphics();
        var metrics = g.getFontMetrics(font);
        int w = metrics.stringWidth(text) + 16;
        int h = metrics.getAscent() + metrics.getDescent() + 10;
        g.setColor(new Color(252, 252, 252));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(150, 150, 150));
        g.drawRect(x, y, w - 1, h - 1);
        g.dispose();
        return label(text, x + 8, y + 5 + metrics.getAscent(), points, new Color(30, 30, 30), new Color(252, 252, 252));
    }

    /** A frame with a plus sign inside, as GTK draws a spin button's "+" button. */
    TextScreens spinButton(int x, int y, int width, int height) {
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(252, 252, 252));
        g.fillRect(x, y, width, height);
        g.setColor(new Color(190, 190, 190));
        g.drawRect(x, y, width - 1, height - 1);
        g.setColor(new Color(40, 40, 40));
        g.fillRect(x + width / 2 - 6, y + height / 2, 13, 1);
        g.fillRect(x + width / 2, y + height / 2 - 6, 1, 13);
        g.dispose();
        return this;
    }

    Screenshot screen() {
        return Screenshot.of(copy());
    }

    List<Label> labels() {
        return List.copyOf(labels);
    }

    private BufferedImage copy() {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }
}
