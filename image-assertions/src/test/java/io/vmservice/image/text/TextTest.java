package io.vmservice.image.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Match;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Finding words on drawn screens: normalisation, exactness, case, regions, patterns, counts. */
class TextTest {

    private static final TextScreens DRAWN = new TextScreens(800, 300)
            .label("Your basket: 3 lemons", 20, 40, 11)
            .button("Place order", 20, 70, 10)
            .label("Save", 400, 40, 10)
            .label("Save as…", 400, 120, 10)
            .label("Saved", 400, 200, 10)
            .label("Order placed!", 20, 200, 9)
            .label("Total 42 EUR", 600, 260, 10);
    private static final Screenshot SCREEN = DRAWN.screen();

    @Test
    void findsWordsWithATightBoxCaseAndSpacingNormalised() {
        SearchResult result = Text.of("place   ORDER").search(SCREEN);

        assertThat(result.matches()).hasSize(1);
        Match match = result.matches().get(0);
        assertThat(match.label()).isEqualTo("Place order");
        assertThat(match.region().overlap(ink("Place order"))).isGreaterThan(0.8);
        assertThat(ink("Place order").contains(match.center())).isTrue();
    }

    @Test
    void wholeWordsOnly() {
        // "Save" alone and the first word of "Save as…", not "Saved"
        assertThat(Text.of("Save").search(SCREEN).matches()).extracting(Match::label).containsOnly("Save").hasSize(2);
        assertThat(Text.of("Saved").search(SCREEN).matches()).hasSize(1);
        assertThat(Text.of("lemon").search(SCREEN).found()).isFalse();
        assertThat(Text.of("3 lemons").search(SCREEN).found()).isTrue();
    }

    @Test
    void punctuationAtWordEndsIsIgnoredUnlessExact() {
        assertThat(Text.of("Order placed").search(SCREEN).found()).isTrue();
        assertThat(Text.of("Order placed").exact().search(SCREEN).found()).isFalse();
        assertThat(Text.of("Order placed!").exact().search(SCREEN).found()).isTrue();
    }

    @Test
    void caseCountsWhenAsked() {
        assertThat(Text.of("PLACE ORDER").ignoringCase(false).search(SCREEN).found()).isFalse();
        assertThat(Text.of("Place order").ignoringCase(false).search(SCREEN).found()).isTrue();
    }

    @Test
    void capitalILowerCaseLAndTheBarAreOneLetterUnlessExact() {
        // with no slip forgiven, so only the look-alikes can make these match "Place order"
        assertThat(Text.of("PIace order").tolerance(0).search(SCREEN).found()).isTrue();
        assertThat(Text.of("P|ace order").tolerance(0).ignoringCase(false).search(SCREEN).found()).isTrue();
        assertThat(Text.of("PIace order").exact().search(SCREEN).found()).isFalse();
        assertThat(Text.of("Pface order").tolerance(0).search(SCREEN).found()).isFalse();
    }

    @Test
    void oneMisreadCharacterInTenIsForgivenByDefault() {
        assertThat(Text.of("Placc order").search(SCREEN).found()).isTrue();
        assertThat(Text.of("Placc order").tolerance(0).search(SCREEN).found()).isFalse();
        assertThat(Text.of("Plxcc order").search(SCREEN).found()).isFalse();
    }

    @Test
    void looksOnlyInsideItsRegion() {
        assertThat(Text.of("Save").inRegion(new Region(380, 0, 200, 80)).search(SCREEN).matches()).hasSize(1);
        assertThat(Text.of("Place order").inRegion(new Region(380, 0, 200, 80)).search(SCREEN).found()).isFalse();
    }

    @Test
    void patternsMatchWholeWordRuns() {
        SearchResult total = Text.matching(Pattern.compile("Total \\d+ EUR")).search(SCREEN);

        assertThat(total.matches()).extracting(Match::label).containsExactly("Total 42 EUR");
        assertThat(Text.matching(Pattern.compile("\\d+ lemons")).search(SCREEN).found()).isTrue();
    }

    @Test
    void aMissTellsTheNearestTextReadAndWhere() {
        SearchResult miss = Text.of("Place orders now").search(SCREEN);

        assertThat(miss.found()).isFalse();
        assertThat(miss.describe()).contains("reading \"Place order\"").contains(miss.best().orElseThrow().region().toString());
    }

    @Test
    void anUnchangedScreenGivesTheEarlierAnswer() {
        Text text = Text.of("Place order");
        SearchResult first = text.search(SCREEN);

        assertThat(text.search(DRAWN.screen(), SCREEN, first)).isSameAs(first);
    }

    @Test
    void badOptionsAreTypedErrors() {
        assertThatThrownBy(() -> Text.of(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Text.of("x").tolerance(0.9)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Text.of("x").minConfidence(101)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Text.of("x").language("tlh")).isInstanceOf(OcrUnavailableException.class);
        assertThatThrownBy(() -> Text.of("x").inRegion(new Region(5000, 0, 10, 10)).search(SCREEN))
                .isInstanceOf(InvalidInputException.class);
    }

    private static Region ink(String label) {
        return DRAWN.labels().stream().filter(l -> l.text().equals(label)).findFirst().orElseThrow().ink();
    }
}
