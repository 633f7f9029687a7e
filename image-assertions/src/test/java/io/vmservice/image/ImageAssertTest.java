package io.vmservice.image;

import static io.vmservice.image.ImageAssertions.assertThat;
import static io.vmservice.image.ImageAssertions.assertThatImage;
import static io.vmservice.image.TemplateMatcherTest.blank;
import static io.vmservice.image.TemplateMatcherTest.paste;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.internal.Artifacts;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAssertTest {

    private static final Screenshot SCREEN = TestScreens.desktop(800, 600, 31);

    @TempDir
    Path temp;

    private Baselines baselines;

    @BeforeEach
    void folders() {
        baselines = new Baselines(temp.resolve("baselines"), temp.resolve("artifacts"), false);
    }

    @Test
    void showsPassesForAVisibleTemplateAndChains() {
        Template icon = Template.fromScreenshot(SCREEN, new Region(50, 60, 40, 30));
        Template absent = Template.of(TestScreens.icon(new Random(99), 32)).named("absent icon");

        assertThat(SCREEN).shows(icon).doesNotShow(absent).showsExactly(1, icon);
    }

    @Test
    void showsFailureGivesBestScoreWhereThresholdAndArtifacts() {
        Template absent = Template.of(TestScreens.icon(new Random(99), 32)).named("absent icon");

        assertThatThrownBy(() -> assertThat(SCREEN).usingBaselines(baselines).shows(absent))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual:\n  Screenshot 800x600\nto show:\n  absent icon (32x32, similarity 0.90, grayscale)")
                .hasMessageMatching("(?s).*but best score 0\\.\\d{3} at 32x32 at \\(\\d+, \\d+\\) was below the threshold 0\\.90;.*")
                .hasMessageContaining("artifacts: " + temp.resolve("artifacts/search-absent-icon-actual.png"));
        assertThat(temp.resolve("artifacts/search-absent-icon-template.png")).exists();
    }

    @Test
    void doesNotShowAndCountFailuresListTheMatches() {
        Screenshot screen = TestScreens.desktop(1920, 1080, 42);
        Template repeated = Template.of(TestScreens.repeatedIcon(42)).named("repeated");

        assertThat(screen).showsExactly(3, repeated);
        assertThatThrownBy(() -> assertThat(screen).usingBaselines(baselines).showsExactly(2, repeated))
                .hasMessageContaining("to show exactly 2 time(s)")
                .hasMessageContaining("but found 3 match(es): ")
                .hasMessageContaining("32x32 at (900, 520)");
        assertThatThrownBy(() -> assertThat(screen).usingBaselines(baselines).doesNotShow(repeated))
                .hasMessageContaining("not to show")
                .hasMessageContaining("but found 3 match(es)");
    }

    @Test
    void missingBaselineIsWrittenAndTheAssertionFailsSayingSo() {
        assertThatThrownBy(() -> assertThat(SCREEN).usingBaselines(baselines).matchesBaseline("editor/empty"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("No baseline \"editor/empty\" existed: wrote the actual image to")
                .hasMessageContaining(temp.resolve("baselines/editor/empty.png").toString());

        assertThat(Screenshot.read(temp.resolve("baselines/editor/empty.png")).samePixels(SCREEN)).isTrue();
        assertThat(SCREEN).usingBaselines(baselines).matchesBaseline("editor/empty");
    }

    @Test
    void updateModeWritesMissingBaselinesWithoutFailing() {
        assertThat(SCREEN).usingBaselines(baselines.withUpdate(true)).matchesBaseline("fresh");

        assertThat(baselines.path("fresh")).exists();
    }

    @Test
    void changedScreenFailsWithCountsAndWritesExpectedActualDiff() {
        SCREEN.savePng(baselines.path("page"));
        Screenshot changed = paste(SCREEN, blank(30, 20, Color.RED), 400, 300);

        assertThatThrownBy(() -> assertThat(changed).usingBaselines(baselines).matchesBaseline("page"))
                .hasMessageContaining("to match baseline \"page\"")
                .hasMessageMatching("(?s).*but \\d+ of 480000 pixels \\(0\\.\\d\\d%\\) differ, 0 allowed, within .*")
                .hasMessageContaining(temp.resolve("artifacts/page-expected.png").toString())
                .hasMessageContaining(temp.resolve("artifacts/page-actual.png").toString())
                .hasMessageContaining(temp.resolve("artifacts/page-diff.png").toString());
        assertThat(temp.resolve("artifacts/page-diff.png")).exists();
        assertThat(Screenshot.read(baselines.path("page")).samePixels(SCREEN))
                .as("the baseline is left as it was").isTrue();
    }

    @Test
    void ignoredRegionOrBudgetLetsAKnownChangePass() {
        SCREEN.savePng(baselines.path("clock"));
        Screenshot changed = paste(SCREEN, blank(30, 20, Color.RED), 400, 300);

        assertThat(changed).usingBaselines(baselines).ignoring(new Region(395, 295, 40, 30)).matchesBaseline("clock");
        assertThat(changed).usingBaselines(baselines)
                .withDiffOptions(DiffOptions.builder().maxDiffPixels(600).build()).matchesBaseline("clock");
    }

    @Test
    void updateModeRewritesAChangedBaseline() throws Exception {
        SCREEN.savePng(baselines.path("page"));
        Screenshot changed = paste(SCREEN, blank(30, 20, Color.RED), 400, 300);

        assertThat(changed).usingBaselines(baselines.withUpdate(true)).matchesBaseline("page");

        assertThat(Screenshot.read(baselines.path("page")).samePixels(changed)).isTrue();
        assertThat(Files.exists(temp.resolve("artifacts"))).isFalse();
    }

    @Test
    void eachBaselineUpdateModeWritesIsAnnouncedWithWhatChanged() {
        SCREEN.savePng(baselines.path("page"));
        Screenshot changed = paste(SCREEN, blank(30, 20, Color.RED), 400, 300);
        List<String> announced = new ArrayList<>();
        Artifacts.Listener listener = (name, file) -> announced.add(name + " -> " + file);
        Artifacts.addListener(listener);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(changed).usingBaselines(baselines.withUpdate(true)).matchesBaseline("page");
            assertThat(SCREEN).usingBaselines(baselines.withUpdate(true)).matchesBaseline("new/one");
            assertThat(SCREEN).usingBaselines(baselines.withUpdate(true)).matchesBaseline("page");
        } finally {
            System.setOut(console);
            Artifacts.removeListener(listener);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(
                        "vmservice: baseline \"page\" written: 600 pixels changed (0.13%) ("
                                + baselines.path("page").toAbsolutePath() + ")",
                        "vmservice: baseline \"new/one\" written: new, 800x600 ("
                                + baselines.path("new/one").toAbsolutePath() + ")",
                        "vmservice: baseline \"page\" written: 600 pixels changed (0.13%) ("
                                + baselines.path("page").toAbsolutePath() + ")");
        assertThat(announced).first().asString()
                .startsWith("baseline \"page\" written: 600 pixels changed (0.13%) -> ");
    }

    @Test
    void updateModeIsRefusedOnCiUnlessForced() {
        SCREEN.savePng(baselines.path("page"));
        Screenshot changed = paste(SCREEN, blank(30, 20, Color.RED), 400, 300);

        assertThatThrownBy(() -> assertThat(changed).usingBaselines(baselines.withUpdate(true).onCi(true, false))
                .matchesBaseline("page"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Baseline update mode (-Dvmservice.baselines.update=true) is refused on CI (CI=true)")
                .hasMessageContaining("-Dvmservice.baselines.update.force=true (or VMSERVICE_BASELINES_UPDATE_FORCE=true)");
        assertThat(Screenshot.read(baselines.path("page")).samePixels(SCREEN))
                .as("the baseline is left as it was").isTrue();

        assertThat(changed).usingBaselines(baselines.withUpdate(true).onCi(true, true)).matchesBaseline("page");
        assertThat(Screenshot.read(baselines.path("page")).samePixels(changed)).isTrue();
        assertThat(changed).usingBaselines(baselines.onCi(true, false)).matchesBaseline("page");
    }

    @Test
    void sizeMismatchFailsWithBothSizes() {
        blank(100, 50, Color.WHITE).savePng(baselines.path("small"));

        assertThatThrownBy(() -> assertThat(SCREEN).usingBaselines(baselines).matchesBaseline("small"))
                .hasMessageContaining("but the sizes differ: expected 100x50, actual 800x600")
                .hasMessageContaining("small-expected.png");
    }

    @Test
    void baselineNamesCannotEscapeTheirFolder() {
        assertThatThrownBy(() -> assertThat(SCREEN).usingBaselines(baselines).matchesBaseline("../outside"))
                .isInstanceOf(io.vmservice.exception.InvalidInputException.class)
                .hasMessageContaining("baseline name \"../outside\"");
    }

    @Test
    void systemPropertiesChooseFoldersAndUpdateMode() {
        System.setProperty(Baselines.DIR_PROPERTY, temp.resolve("from-property").toString());
        System.setProperty(Baselines.UPDATE_PROPERTY, "true");
        System.setProperty(Baselines.FORCE_PROPERTY, "true");     // this suite runs on CI too
        try {
            assertThat(SCREEN).matchesBaseline("by-property");
            assertThat(temp.resolve("from-property/by-property.png")).exists();
        } finally {
            System.clearProperty(Baselines.DIR_PROPERTY);
            System.clearProperty(Baselines.UPDATE_PROPERTY);
            System.clearProperty(Baselines.FORCE_PROPERTY);
        }
        assertThat(Baselines.fromSystemProperties().directory())
                .isEqualTo(Path.of("src/test/resources/baselines"));
    }

    @Test
    void isSimilarToUsesSsimOnTheWholeImageOrARegion() {
        Screenshot changed = paste(SCREEN, blank(60, 40, Color.ORANGE), 300, 200);

        assertThat(changed).isSimilarTo(SCREEN, 0.9).isSimilarTo(SCREEN, 0.999, new Region(0, 0, 200, 150));
        assertThatThrownBy(() -> assertThat(changed).usingBaselines(baselines)
                .isSimilarTo(SCREEN, 0.9, new Region(290, 190, 80, 60)))
                .hasMessageMatching("(?s).*but SSIM 0\\.\\d{4} was below the minimum 0\\.9000;.*")
                .hasMessageContaining("-diff.png");
    }

    @Test
    void readsImagesFromFiles() {
        Path file = SCREEN.savePng(temp.resolve("screen.png"));

        assertThatImage(file).isSimilarTo(SCREEN, 0.9999);
        assertThat(SCREEN.toBufferedImage()).isSimilarTo(SCREEN, 0.9999);
    }
}
