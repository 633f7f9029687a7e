package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateMatcherTest {

    private static final Screenshot SCREEN = TestScreens.desktop(1920, 1080, 42);

    @Test
    void findsACroppedIconAtItsPlaceWithItsCentre() {
        Template icon = Template.fromScreenshot(SCREEN, TestScreens.UNIQUE_ICON);

        Match match = TemplateMatcher.find(SCREEN, icon).orElseThrow();

        assertThat(match.region()).isEqualTo(TestScreens.UNIQUE_ICON);
        assertThat(match.score()).isCloseTo(1.0, within(1e-3));
        assertThat(match.center()).isEqualTo(new Point(1397, 231));
    }

    @Test
    void coarseToFineHitsWhatTheFullSearchHits() {
        Random random = new Random(7);
        int compared = 0;
        while (compared < 12) {
            int w = 24 + random.nextInt(100);
            int h = 24 + random.nextInt(40);
            Region crop = new Region(random.nextInt(1920 - w), random.nextInt(1080 - h), w, h);
            Template template = Template.fromScreenshot(SCREEN, crop).maxMatches(2);
            if (template.isFlat()) {
                continue;
            }
            SearchResult full = TemplateMatcher.search(SCREEN, template.coarseToFine(false));
            if (full.matches().size() > 1) {
                // a patch of background gradient fits in many places: no single right answer
                continue;
            }
            compared++;

            SearchResult coarse = TemplateMatcher.search(SCREEN, template);

            assertThat(coarse.best().map(Match::region)).as("crop %s", crop).contains(crop);
            assertThat(full.best().map(Match::region)).as("crop %s", crop).contains(crop);
            assertThat(coarse.best().orElseThrow().score())
                    .isCloseTo(full.best().orElseThrow().score(), within(1e-4));
        }
    }

    @Test
    void aQuarterSizePeakNextToAStrongerFalseOneIsStillFound() {
        // at quarter size this text-like crop scores below a neighbour seven pixels away
        Screenshot screen = TestScreens.desktop(1920, 1080, 3);
        Region crop = new Region(881, 937, 53, 41);

        Optional<Match> found = TemplateMatcher.find(screen, Template.fromScreenshot(screen, crop));

        assertThat(found.map(Match::region)).contains(crop);
    }

    @Test
    void aFlatPatchOfBackgroundMatchesInManyPlaces() {
        Template patch = Template.fromScreenshot(SCREEN, new Region(1474, 0, 74, 38));

        assertThat(patch.isFlat()).isTrue();
        assertThat(TemplateMatcher.findAll(SCREEN, patch)).hasSizeGreaterThan(10)
                .allSatisfy(match -> assertThat(match.score()).isBetween(0.9, 1.0));
    }

    @Test
    void findAllReturnsEveryCopyBestFirstWithoutOverlaps() {
        Template icon = Template.of(TestScreens.repeatedIcon(42));

        List<Match> all = TemplateMatcher.findAll(SCREEN, icon);

        assertThat(all).extracting(Match::region).containsExactlyInAnyOrder(TestScreens.REPEATED_ICONS);
        assertThat(all).extracting(Match::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(TemplateMatcher.findAll(SCREEN, icon.coarseToFine(false))).extracting(Match::region)
                .containsExactlyInAnyOrder(TestScreens.REPEATED_ICONS);
    }

    @Test
    void maxMatchesCapsTheCount() {
        Template icon = Template.of(TestScreens.repeatedIcon(42)).maxMatches(2);

        assertThat(TemplateMatcher.findAll(SCREEN, icon)).hasSize(2);
    }

    @Test
    void colourTemplateFindsTheSameAsGrey() {
        Template icon = Template.fromScreenshot(SCREEN, TestScreens.UNIQUE_ICON).inColor();

        assertThat(TemplateMatcher.find(SCREEN, icon)).map(Match::region).contains(TestScreens.UNIQUE_ICON);
    }

    @Test
    void onlyColourTellsApartPatternsOfEqualBrightness() {
        // red and green chosen with equal luma: grey sees the same pattern
        Screenshot chip = chip(new Color(200, 0, 0), Color.WHITE);
        Screenshot screen = paste(blank(400, 300, Color.WHITE), chip(new Color(0, 102, 0), Color.WHITE), 150, 100);
        Template template = Template.of(chip).coarseToFine(false);

        assertThat(TemplateMatcher.find(screen, template.grayscale())).isPresent();
        SearchResult colour = TemplateMatcher.search(screen, template.inColor());
        assertThat(colour.found()).isFalse();
        assertThat(colour.best().orElseThrow().score()).isLessThan(0.9);
    }

    @Test
    void findsATemplateDrawnLargerOnAHiDpiScreen() {
        Screenshot icon = TestScreens.icon(new Random(3), 32);
        Screenshot big = scaled(icon, 48);
        Screenshot screen = paste(TestScreens.desktop(800, 600, 5), big, 333, 222);

        Optional<Match> atOne = TemplateMatcher.find(screen, Template.of(icon));
        Match scaled = TemplateMatcher.find(screen, Template.of(icon).atScales(1.0, 1.5)).orElseThrow();

        assertThat(atOne).isEmpty();
        assertThat(scaled.region()).isEqualTo(new Region(333, 222, 48, 48));
    }

    @Test
    void regionOfInterestLimitsTheSearch() {
        Template icon = Template.of(TestScreens.repeatedIcon(42));

        List<Match> inside = TemplateMatcher.findAll(SCREEN, icon.inRegion(new Region(800, 400, 300, 300)));

        assertThat(inside).extracting(Match::region).containsExactly(TestScreens.REPEATED_ICONS[1]);
    }

    @Test
    void transparentPixelsOfTheTemplateAreIgnored() {
        // a ring whose inside is transparent: whatever shows through must not matter
        BufferedImage ring = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = ring.createGraphics();
        g.setColor(new Color(20, 120, 60));
        g.fillRect(0, 0, 40, 40);
        g.setColor(new Color(200, 40, 40));
        g.fillRect(6, 6, 28, 4);
        g.setComposite(java.awt.AlphaComposite.Clear);
        g.fillRect(10, 10, 20, 20);
        g.dispose();
        Screenshot template = Screenshot.of(ring);
        Screenshot screen = paste(TestScreens.desktop(600, 400, 9), template, 250, 150);
        // paint something else where the hole is
        screen = paste(screen, TestScreens.icon(new Random(1), 20), 260, 160);

        Template masked = Template.of(template).coarseToFine(false);
        Match match = TemplateMatcher.find(screen, masked).orElseThrow();

        assertThat(match.region()).isEqualTo(new Region(250, 150, 40, 40));
        assertThat(match.score()).isGreaterThan(0.99);
    }

    @Test
    void flatTemplateIsMatchedByColourDistanceAndNeverYieldsNaN() {
        Screenshot screen = paste(blank(300, 200, Color.WHITE), blank(30, 30, new Color(10, 200, 90)), 120, 80);
        Template flat = Template.of(blank(30, 30, new Color(10, 200, 90)));

        assertThat(flat.isFlat()).isTrue();
        Match match = TemplateMatcher.find(screen, flat).orElseThrow();
        assertThat(match.region()).isEqualTo(new Region(120, 80, 30, 30));
        assertThat(match.score()).isCloseTo(1.0, within(1e-3));

        SearchResult absent = TemplateMatcher.search(blank(300, 200, Color.WHITE), flat);
        assertThat(absent.found()).isFalse();
        assertThat(absent.best().orElseThrow().score()).isBetween(0.0, 0.9);
    }

    @Test
    void flatBlackTemplateOnABlackScreenIsAPerfectColourMatch() {
        SearchResult result = TemplateMatcher.search(blank(100, 100, Color.BLACK), Template.of(blank(10, 10, Color.BLACK)));

        assertThat(result.best().orElseThrow().score()).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void aTemplateOnAConstantScreenScoresNoMatchInsteadOfNaN() {
        Template icon = Template.of(TestScreens.icon(new Random(2), 32));

        SearchResult result = TemplateMatcher.search(blank(200, 200, Color.GRAY), icon);

        assertThat(result.found()).isFalse();
        assertThat(result.best().orElseThrow().score()).isBetween(-1.0, 0.5);
    }

    @Test
    void aTemplateLargerThanTheAreaIsRefused() {
        Template big = Template.of(TestScreens.icon(new Random(2), 64));

        assertThatThrownBy(() -> TemplateMatcher.search(blank(50, 50, Color.GRAY), big))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("64x64")
                .hasMessageContaining("larger than the 50x50 area searched");
    }

    @Test
    void aFullyTransparentTemplateIsRefused() {
        BufferedImage clear = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);

        assertThatThrownBy(() -> Template.of(Screenshot.of(clear)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mask hides every pixel");
    }

    @Test
    void templateIsATarget() {
        Template icon = Template.fromScreenshot(SCREEN, TestScreens.UNIQUE_ICON).named("unique icon");

        assertThat(icon.search(SCREEN).unique()).isTrue();
        assertThat(icon.description()).isEqualTo("unique icon (40x40, similarity 0.90, grayscale)");
    }

    @Test
    void badSettingsAreRefused() {
        Template icon = Template.of(TestScreens.icon(new Random(2), 32));

        assertThatThrownBy(() -> icon.similarity(1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("similarity must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> icon.atScales()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> icon.withMask(blank(3, 3, Color.WHITE))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("32x32");
        assertThatThrownBy(() -> Template.fromResource("/no/such.png").search(blank(40, 40, Color.WHITE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("/no/such.png");
        assertThatThrownBy(() -> Template.fromBytes(new byte[] {1, 2, 3})).isInstanceOf(InvalidInputException.class);
    }

    static Screenshot blank(int w, int h, Color colour) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return Screenshot.of(image);
    }

    static Screenshot paste(Screenshot screen, Screenshot part, int x, int y) {
        BufferedImage image = screen.toBufferedImage();
        Graphics2D g = image.createGraphics();
        g.drawImage(part.toBufferedImage(), x, y, null);
        g.dispose();
        return Screenshot.of(image);
    }

    private static Screenshot chip(Color fill, Color mark) {
        BufferedImage image = new BufferedImage(40, 24, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(fill);
        g.fillRect(0, 0, 40, 24);
        g.setColor(mark);
        g.fillRect(8, 8, 10, 8);
        g.fillRect(24, 4, 4, 16);
        g.dispose();
        return Screenshot.of(image);
    }

    private static Screenshot scaled(Screenshot image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image.toBufferedImage(), 0, 0, size, size, null);
        g.dispose();
        return Screenshot.of(out);
    }
}
