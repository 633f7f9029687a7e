package io.vmservice.image;

import static io.vmservice.image.TemplateMatcherTest.blank;
import static io.vmservice.image.TemplateMatcherTest.paste;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.Color;
import org.junit.jupiter.api.Test;

class ImageDiffTest {

    private static final Screenshot EXPECTED = TestScreens.desktop(640, 480, 11);
    // a 20x10 black block where the expected image has other content
    private static final Screenshot ACTUAL = paste(EXPECTED, blank(20, 10, Color.BLACK), 100, 50);

    @Test
    void identicalImagesHaveNoDifference() {
        DiffResult result = ImageDiff.compare(EXPECTED, EXPECTED);

        assertThat(result.mismatched()).isZero();
        assertThat(result.passed()).isTrue();
        assertThat(result.changedArea()).isEmpty();
        assertThat(result.total()).isEqualTo(640 * 480);
    }

    @Test
    void countsTheChangedBlockAndSaysWhere() {
        DiffResult result = ImageDiff.compare(EXPECTED, ACTUAL);

        assertThat(result.mismatched()).isBetween(150L, 200L);
        assertThat(result.passed()).isFalse();
        assertThat(result.changedArea()).hasValueSatisfying(area ->
                assertThat(new Region(100, 50, 20, 10).contains(area)).isTrue());
        assertThat(result.describe()).contains("of 307200 pixels").contains("0 allowed").contains("within");
    }

    @Test
    void budgetOfPixelsOrRatioLetsSmallChangesPass() {
        long changed = ImageDiff.compare(EXPECTED, ACTUAL).mismatched();

        assertThat(ImageDiff.compare(EXPECTED, ACTUAL, DiffOptions.builder().maxDiffPixels(changed).build()).passed()).isTrue();
        assertThat(ImageDiff.compare(EXPECTED, ACTUAL, DiffOptions.builder().maxDiffPixels(changed - 1).build()).passed()).isFalse();
        assertThat(ImageDiff.compare(EXPECTED, ACTUAL, DiffOptions.builder().maxDiffPixelRatio(0.001).build()).passed()).isTrue();
        // with both, the stricter one decides
        assertThat(ImageDiff.compare(EXPECTED, ACTUAL,
                DiffOptions.builder().maxDiffPixels(10).maxDiffPixelRatio(0.01).build()).passed()).isFalse();
    }

    @Test
    void ignoredRegionsAreLeftOutButTheImagesStayAsTheyWere() {
        DiffResult result = ImageDiff.compare(EXPECTED, ACTUAL,
                DiffOptions.builder().ignore(new Region(95, 45, 40, 20)).build());

        assertThat(result.mismatched()).isZero();
        assertThat(result.passed()).isTrue();
        assertThat(ACTUAL.argb(105, 55)).isEqualTo(0xFF000000);
        // drawn like unchanged pixels in the diff image
        assertThat(result.diffImage().orElseThrow().argb(105, 55) & 0xFF0000).isNotEqualTo(0xFF0000);
    }

    @Test
    void ignoredRegionsMayReachPastTheImage() {
        DiffResult result = ImageDiff.compare(EXPECTED, ACTUAL,
                DiffOptions.builder().ignore(new Region(-50, -50, 200, 200), new Region(5000, 5000, 5, 5)).build());

        assertThat(result.mismatched()).isZero();
    }

    @Test
    void diffImagePaintsChangesRedAndDarkeningInTheAltColour() {
        DiffResult result = ImageDiff.compare(EXPECTED, ACTUAL,
                DiffOptions.builder().diffColorAlt(0, 255, 0).build());

        // black over light content is a darkening: the alternative colour
        assertThat(result.diffImage().orElseThrow().argb(110, 55)).isEqualTo(0xFF00FF00);
        DiffResult reverse = ImageDiff.compare(ACTUAL, EXPECTED, DiffOptions.builder().diffColorAlt(0, 255, 0).build());
        assertThat(reverse.diffImage().orElseThrow().argb(110, 55)).isEqualTo(0xFFFF0000);
    }

    @Test
    void largeImagesSplitAcrossThreadsCountTheSameAsSmallPieces() {
        Screenshot big = TestScreens.desktop(1920, 1080, 3);
        Screenshot changed = paste(paste(big, TestScreens.icon(new java.util.Random(4), 64), 1000, 700),
                blank(300, 3, Color.RED), 10, 539);
        // counting anti-aliasing too makes every pixel's verdict independent of its neighbours
        DiffOptions options = DiffOptions.builder().includeAntiAliasing(true).build();
        long inBands = 0;
        for (int y = 0; y < 1080; y += 120) {
            Region band = new Region(0, y, 1920, 120);
            inBands += ImageDiff.compare(big.crop(band), changed.crop(band), options).mismatched();
        }

        DiffResult whole = ImageDiff.compare(big, changed, options);

        assertThat(whole.mismatched()).isPositive().isEqualTo(inBands);
        assertThat(whole.changedArea()).contains(new Region(10, 539, 1054, 225));
    }

    @Test
    void differentSizesAreRefusedNamingBoth() {
        assertThatThrownBy(() -> ImageDiff.compare(EXPECTED, blank(100, 80, Color.WHITE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("images differ in size: expected 640x480, actual 100x80");
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> DiffOptions.builder().threshold(1.5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("threshold must be between 0 and 1");
        assertThatThrownBy(() -> DiffOptions.builder().maxDiffPixels(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxDiffPixels");
        assertThatThrownBy(() -> DiffOptions.builder().maxDiffPixelRatio(Double.NaN).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxDiffPixelRatio");
        assertThatThrownBy(() -> DiffOptions.builder().diffColor(0, 300, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("(0, 300, 0)");
    }
}
