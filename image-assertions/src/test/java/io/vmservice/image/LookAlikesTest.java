package io.vmservice.image;

import static io.vmservice.image.TemplateMatcherTest.blank;
import static io.vmservice.image.TemplateMatcherTest.paste;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.LookAlikes;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.awt.Color;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixes an ambiguous search suggests, applied to the same screen: each makes the search unique. */
class LookAlikesTest {

    private static final Screenshot ICON = TestScreens.icon(new Random(5), 32);

    @Test
    void aSimilarityBetweenTheBestScoreAndTheNextKeepsOnlyTheBest() {
        // the icon, and a copy with a small mark: alike enough to pass the default 0.9
        Screenshot marked = paste(ICON, blank(2, 2, Color.BLACK), 15, 15);
        Screenshot screen = paste(paste(blank(400, 300, Color.LIGHT_GRAY), ICON, 40, 50), marked, 250, 180);
        Template template = Template.of(ICON);
        SearchResult ambiguous = template.search(screen);
        assertThat(ambiguous.matches()).hasSize(2);

        LookAlikes fixes = LookAlikes.of(ambiguous, new Point(0, 0));

        double similarity = fixes.similarity().orElseThrow();
        assertThat(similarity).isGreaterThan(ambiguous.matches().get(1).score())
                .isLessThanOrEqualTo(ambiguous.matches().get(0).score());
        SearchResult separated = template.similarity(similarity).search(screen);
        assertThat(separated.unique()).isTrue();
        assertThat(separated.matches().get(0).region()).isEqualTo(new Region(40, 50, 32, 32));
        assertThat(fixes.advice()).contains(String.format(java.util.Locale.ROOT, "the best scores are %.3f and %.3f",
                ambiguous.matches().get(0).score(), ambiguous.matches().get(1).score()))
                .contains(".similarity(" + fixes.similarity().getAsDouble() + ") keeps only the best");
        assertThat(template.inRegion(fixes.region().orElseThrow()).search(screen).unique()).isTrue();
    }

    @Test
    void identicalWidgetsGetARegionAroundTheBestAndNoSimilarity() {
        Screenshot screen = blank(400, 300, Color.LIGHT_GRAY);
        for (int x : new int[] {20, 70, 120}) {
            screen = paste(screen, ICON, x, 100);           // a row of equal buttons, 18 px apart
        }
        Template template = Template.of(ICON);
        SearchResult ambiguous = template.search(screen);
        assertThat(ambiguous.matches()).hasSize(3);

        LookAlikes fixes = LookAlikes.of(ambiguous, new Point(0, 0));

        assertThat(fixes.similarity()).isEmpty();
        assertThat(fixes.advice()).contains("no similarity tells them apart", ".inRegion(new Region(");
        Region region = fixes.region().orElseThrow();
        SearchResult scoped = template.inRegion(region).search(screen);
        assertThat(scoped.unique()).isTrue();
        assertThat(scoped.matches().get(0).region()).isEqualTo(ambiguous.matches().get(0).region());
    }

    @Test
    void aRegionForASearchInsideAWindowIsInTheWindowsCoordinates() {
        Screenshot screen = paste(paste(blank(400, 300, Color.LIGHT_GRAY), ICON, 140, 150), ICON, 240, 150);
        SearchResult ambiguous = Template.of(ICON).search(screen);

        Region inWindow = LookAlikes.of(ambiguous, new Point(100, 120)).region().orElseThrow();
        Region onScreen = LookAlikes.of(ambiguous, new Point(0, 0)).region().orElseThrow();

        assertThat(inWindow).isEqualTo(new Region(onScreen.x() - 100, onScreen.y() - 120, onScreen.width(),
                onScreen.height()));
        assertThat(LookAlikes.of(ambiguous, new Point(100, 120)).advice()).contains("(window coordinates)");
    }
}
