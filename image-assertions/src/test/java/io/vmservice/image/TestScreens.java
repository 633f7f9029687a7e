package io.vmservice.image;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Desktop-like screenshots drawn in code, so tests need no fixtures: windows, toolbars of
 * distinct icons, rows of glyph-like marks, buttons that look alike. Same seed, same pixels.
 */
final class TestScreens {

    /** Where {@link #desktop} draws the icon that appears exactly once. */
    static final Region UNIQUE_ICON = new Region(1377, 211, 40, 40);
    /** Where {@link #desktop} draws the three copies of the repeated icon. */
    static final Region[] REPEATED_ICONS = {
        new Region(300, 700, 32, 32), new Region(900, 520, 32, 32), new Region(1500, 880, 32, 32),
    };

    private TestScreens() {
    }

    static Screenshot desktop(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Random random = new Random(seed);
        g.setPaint(new GradientPaint(0, 0, new Color(40, 70, 110), width, height, new Color(90, 120, 160)));
        g.fillRect(0, 0, width, height);
        for (int w = 0; w < 6; w++) {
            window(g, random, random.nextInt(width - 300), random.nextInt(height - 200),
                    300 + random.nextInt(500), 200 + random.nextInt(300));
        }
        g.drawImage(icon(new Random(seed * 31 + 7), 40).toBufferedImage(), UNIQUE_ICON.x(), UNIQUE_ICON.y(), null);
        Screenshot repeated = repeatedIcon(seed);
        for (Region at : REPEATED_ICONS) {
            g.drawImage(repeated.toBufferedImage(), at.x(), at.y(), null);
        }
        g.dispose();
        return Screenshot.of(image);
    }

    /** The icon {@link #desktop} draws at {@link #REPEATED_ICONS}, rounded corners transparent. */
    static Screenshot repeatedIcon(long seed) {
        return icon(new Random(seed * 17 + 3), 32);
    }

    /** A distinct 32x32-ish icon: a frame, a disc and a few strokes in random colours. */
    static Screenshot icon(Random random, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillRoundRect(0, 0, size, size, 8, 8);
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillOval(size / 5, size / 5, size * 3 / 5, size * 3 / 5);
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < 4; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.drawLine(random.nextInt(size), random.nextInt(size), random.nextInt(size), random.nextInt(size));
        }
        g.dispose();
        return Screenshot.of(image);
    }

    private static void window(Graphics2D g, Random random, int x, int y, int w, int h) {
        g.setColor(new Color(235, 235, 238));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(60, 60, 70));
        g.fillRect(x, y, w, 28);
        g.setColor(new Color(200, 200, 205));
        g.drawRect(x, y, w - 1, h - 1);
        // a toolbar of distinct icons
        for (int i = 0; i < w / 40 - 1; i++) {
            g.drawImage(icon(random, 24).toBufferedImage(), x + 8 + i * 36, y + 36, null);
        }
        // lines of glyph-like marks, as text would leave
        for (int line = 0; line < (h - 110) / 18; line++) {
            int cx = x + 10;
            int cy = y + 72 + line * 18;
            while (cx < x + w - 20) {
                int glyph = 3 + random.nextInt(6);
                g.setColor(new Color(30, 30, 30));
                g.fillRect(cx, cy + random.nextInt(4), glyph - 1, 8 + random.nextInt(4));
                cx += glyph + (random.nextInt(5) == 0 ? 6 : 1);
            }
        }
        // two buttons that look alike
        for (int b = 0; b < 2; b++) {
            g.setColor(new Color(70, 130, 200));
            g.fillRoundRect(x + w - 180 + b * 85, y + h - 36, 78, 26, 6, 6);
            g.setColor(Color.WHITE);
            g.fillRect(x + w - 165 + b * 85, y + h - 26, 30 + b * 12, 6);
        }
    }
}
