package io.vmservice.image.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.Color;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tesseract through the bytedeco preset, with Debian's English and German data. */
class OcrEngineTest {

    private static OcrEngine english;

    @BeforeAll
    static void open() {
        english = OcrEngine.english();
    }

    @AfterAll
    static void close() {
        english.close();
    }

    @Test
    void readsLinesAndWordsWithTightBoxes() {
        TextScreens drawn = new TextScreens(640, 240)
                .label("Your basket: 3 lemons", 20, 40, 11)
                .button("Place order", 20, 70, 10)
                .label("Order placed!", 300, 150, 9)
                .label("Dark mode label", 300, 200, 10, new Color(235, 235, 235), new Color(40, 44, 52));
        ScreenText read = english.read(drawn.screen());

        assertThat(read.lines()).extracting(TextLine::text)
                .containsExactly("Your basket: 3 lemons", "Place order", "Order placed!", "Dark mode label");
        for (TextScreens.Label label : drawn.labels()) {
            TextLine line = read.lines().stream().filter(l -> l.text().equals(label.text())).findFirst().orElseThrow();
            assertThat(line.box().overlap(label.ink())).as("box of %s: %s vs ink %s", label.text(), line.box(),
                    label.ink()).isGreaterThan(0.8);
            assertThat(line.confidence()).isBetween(0f, 100f);
        }
        assertThat(read.words()).extracting(Word::text).contains("basket:", "Place", "order");
    }

    @Test
    void aDarkLabelRightBesideTextOnThePageIsReadApartFromIt() {
        TextScreens dark = new TextScreens(640, 120)
                .label("Ismar topeldun", 20, 60, 10, new Color(238, 238, 238), new Color(43, 48, 59));
        int boxEnd = dark.labels().get(0).ink().right() + 4;
        // the page's text starts closer to the dark box than letters of one run are apart
        TextScreens drawn = dark.label("Nesche grimi", boxEnd + 6, 60, 10);
        ScreenText read = english.read(drawn.screen());

        assertThat(read.words()).extracting(Word::text).containsExactly("Ismar", "topeldun", "Nesche", "grimi");
        for (TextScreens.Label label : drawn.labels()) {
            var found = Text.of(label.text()).search(drawn.screen()).matches();
            assertThat(found).as("matches of %s", label.text()).hasSize(1);
            assertThat(found.get(0).region().overlap(label.ink())).as("box of %s", label.text()).isGreaterThan(0.8);
        }
    }

    @Test
    void aLabelRightBesideAWidgetsFrameIsRead() {
        // the frame's sides are shorter than a line and its label closer than words are apart
        TextScreens drawn = new TextScreens(300, 100).spinButton(20, 30, 34, 28)
                .label("rows", 20 + 34 + 6, 49, 9, new Color(90, 90, 90), new Color(246, 245, 244));
        TextScreens.Label rows = drawn.labels().get(0);

        var found = Text.of("rows").search(drawn.screen()).matches();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).region().overlap(rows.ink())).as("box %s, ink %s", found.get(0).region(), rows.ink())
                .isGreaterThan(0.8);
    }

    @Test
    void readsOnlyTheRegionAskedFor() {
        TextScreens drawn = new TextScreens(500, 200).label("Left side", 20, 50, 11).label("Right side", 300, 50, 11);
        ScreenText read = english.read(drawn.screen(), new Region(250, 0, 250, 200));

        assertThat(read.text()).isEqualTo("Right side");
    }

    @Test
    void anEmptyScreenReadsNothing() {
        Screenshot blank = new TextScreens(300, 200).screen();

        assertThat(english.read(blank).isEmpty()).isTrue();
    }

    @Test
    void readsGermanWithGermanData() {
        try (OcrEngine german = OcrEngine.open("deu")) {
            ScreenText read = german.read(new TextScreens(500, 100).label("Größe ändern", 20, 50, 12).screen());

            assertThat(read.text()).isEqualTo("Größe ändern");
        }
    }

    @Test
    void aLanguageWithoutDataIsATypedErrorNamingThePackage() {
        assertThatThrownBy(() -> OcrEngine.open("tlh"))
                .isInstanceOf(OcrUnavailableException.class)
                .hasMessageContaining("apt-get install tesseract-ocr-tlh")
                .hasMessageContaining("/usr/share/tesseract-ocr/5/tessdata")
                .satisfies(e -> assertThat(((OcrUnavailableException) e).errorCode()).isEqualTo("OCR_UNAVAILABLE"));
        assertThatThrownBy(() -> OcrEngine.open("../../etc/passwd")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aClosedEngineSaysSo() {
        OcrEngine engine = OcrEngine.english();
        engine.close();
        engine.close();

        assertThatThrownBy(() -> engine.read(new TextScreens(200, 80).label("Hi there", 10, 40, 12).screen()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
