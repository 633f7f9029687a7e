package io.vmservice.junit;

import io.vmservice.StepMark;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The screen after a step with what the step did drawn on it: a ring where the pointer acted,
 * an arrow along a drag, the found match's box with its score, a caret where text was typed.
 */
final class StepPicture {

    private static final Color POINTER = new Color(230, 30, 30);
    private static final Color MATCH = new Color(20, 170, 60);
    private static final Color TYPING = new Color(30, 90, 230);

    private StepPicture() {
    }

    static byte[] png(Screenshot screen, List<StepMark> marks) {
        BufferedImage image = screen.toBufferedImage();
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(3));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (StepMark mark : marks) {
                draw(g, mark);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, StepMark mark) {
        switch (mark.kind()) {
            case POINT -> ring(g, mark.points().get(0), POINTER);
            case DRAG -> {
                Point from = mark.points().get(0);
                Point to = mark.points().get(1);
                ring(g, from, POINTER);
                g.drawLine(from.x(), from.y(), to.x(), to.y());
                arrowHead(g, from, to);
            }
            case MATCH -> {
                Region box = mark.match().region();
                g.setColor(MATCH);
                g.drawRect(box.x(), box.y(), box.width(), box.height());
                String score = String.format(Locale.ROOT, "%.3f", mark.match().score());
                int labelY = box.y() > 20 ? box.y() - 6 : box.bottom() + 18;
                g.drawString(score, box.x(), labelY);
            }
            case TYPING -> {
                if (!mark.points().isEmpty()) {
                    Point at = mark.points().get(0);
                    g.setColor(TYPING);
                    g.drawLine(at.x(), at.y() - 12, at.x(), at.y() + 12);
                    g.drawLine(at.x() - 5, at.y() - 12, at.x() + 5, at.y() - 12);
                    g.drawLine(at.x() - 5, at.y() + 12, at.x() + 5, at.y() + 12);
                }
            }
        }
    }

    private static void ring(Graphics2D g, Point at, Color color) {
        g.setColor(color);
        g.drawOval(at.x() - 10, at.y() - 10, 20, 20);
        g.fillOval(at.x() - 2, at.y() - 2, 5, 5);
    }

    private static void arrowHead(Graphics2D g, Point from, Point to) {
        double angle = Math.atan2(to.y() - from.y(), to.x() - from.x());
        for (double side : new double[] {-0.5, 0.5}) {
            int x = (int) Math.round(to.x() - 14 * Math.cos(angle + side));
            int y = (int) Math.round(to.y() - 14 * Math.sin(angle + side));
            g.drawLine(to.x(), to.y(), x, y);
        }
    }
}
