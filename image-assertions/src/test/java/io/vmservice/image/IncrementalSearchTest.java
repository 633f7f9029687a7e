package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A search that knows the result on the frame before finds what a search of the whole new frame
 * finds, whether the change is far from the target, next to it, over it, or nowhere.
 */
class IncrementalSearchTest {

    private static final Screenshot SCREEN = TestScreens.desktop(1920, 1080, 42);

    @Test
    void anUnchangedFrameGivesTheEarlierResult() {
        Template icon = Template.fromScreenshot(SCREEN, TestScreens.UNIQUE_ICON);
        SearchResult earlier = TemplateMatcher.search(SCREEN, icon);
        Screenshot same = Screenshot.ofPixels(1920, 1080, copyOf(SCREEN));

        assertThat(TemplateMatcher.searchSince(same, icon, SCREEN, earlier)).isSameAs(earlier);
    }

    @Test
    void aChangedFrameGivesWhatAWholeSearchGives() {
        Random random = new Random(11);
        Template[] templates = {
            Template.fromScreenshot(SCREEN, TestScreens.UNIQUE_ICON),
            Template.fromScreenshot(SCREEN, TestScreens.UNIQUE_ICON).inColor(),
            Template.fromScreenshot(SCREEN, TestScreens.REPEATED_ICONS[0]).maxMatches(10),
        };
        for (int t = 0; t < templates.length; t++) {
            Screenshot frame = SCREEN;
            SearchResult result = TemplateMatcher.search(frame, templates[t]);
            for (int i = 0; i < 40; i++) {
                // Now and then the change lands on a match: it moves away, or is covered.
                Region target = result.matches().isEmpty() ? null : result.matches().get(0).region();
                Region change = i % 5 == 0 && target != null
                        ? new Region(target.x() + 5, target.y() + 5, 20, 12)
                        : new Region(random.nextInt(1800), random.nextInt(1000), 8 + random.nextInt(110), 8 + random.nextInt(70));
                Screenshot next = changed(frame, change, random);

                SearchResult incremental = TemplateMatcher.searchSince(next, templates[t], frame, result);
                SearchResult whole = TemplateMatcher.search(next, templates[t]);

                assertThat(incremental.matches()).as("template %d, change %d at %s", t, i, change)
                        .isEqualTo(whole.matches());
                if (whole.found()) {
                    assertThat(incremental.best()).isEqualTo(whole.best());
                } else {
                    // Below the similarity the best candidate only names the closest miss in a
                    // message; searched around the change, it is at least as close.
                    assertThat(score(incremental)).isGreaterThanOrEqualTo(score(whole));
                }
                frame = next;
                result = incremental;
            }
        }
    }

    @Test
    void changedSinceBoundsExactlyThePixelsThatDiffer() {
        int[] pixels = copyOf(SCREEN);
        pixels[300 * 1920 + 40] ^= 0x00FFFFFF;
        pixels[310 * 1920 + 90] ^= 0x00FFFFFF;
        Screenshot next = Screenshot.ofPixels(1920, 1080, pixels);

        assertThat(next.changedSince(SCREEN, SCREEN.bounds())).contains(new Region(40, 300, 51, 11));
        assertThat(next.changedSince(SCREEN, new Region(0, 0, 1920, 305))).contains(new Region(40, 300, 1, 1));
        assertThat(next.changedSince(SCREEN, new Region(500, 0, 100, 100))).isEmpty();
    }

    private static Screenshot changed(Screenshot frame, Region change, Random random) {
        BufferedImage image = frame.toBufferedImage();
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(change.x(), change.y(), change.width(), change.height());
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.drawString("typed " + random.nextInt(1000), change.x() + 2, change.y() + change.height() - 2);
        g.dispose();
        return Screenshot.of(image);
    }

    private static double score(SearchResult result) {
        return result.best().map(io.vmservice.screen.Match::score).orElse(-1.0);
    }

    private static int[] copyOf(Screenshot screen) {
        int[] pixels = new int[screen.width() * screen.height()];
        screen.pixels().get(pixels);
        return pixels;
    }
}
