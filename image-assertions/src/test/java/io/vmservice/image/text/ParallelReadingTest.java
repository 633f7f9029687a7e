package io.vmservice.image.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.Screenshot;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Runs read side by side by several Tesseracts give what one Tesseract reading them in turn gives. */
class ParallelReadingTest {

    /** A form of a few dozen runs: labels of several sizes, buttons, light text on dark. */
    private static Screenshot form(String status) {
        TextScreens screen = new TextScreens(1024, 600);
        String[] fields = {"Name", "Street and number", "City", "Postcode", "Country", "Phone", "Email address",
            "Delivery notes", "Gift wrap", "Invoice number"};
        for (int i = 0; i < fields.length; i++) {
            screen.label(fields[i], 20 + (i % 2) * 500, 40 + (i / 2) * 50, 9 + i % 4);
            screen.button("Change " + (i + 1), 300 + (i % 2) * 500, 25 + (i / 2) * 50, 10);
        }
        return screen.label(status, 20, 320, 11)
                .label("Dark mode label", 20, 380, 10, new Color(235, 235, 235), new Color(40, 44, 52))
                .label("Total: 42 lemons", 500, 380, 12)
                .screen();
    }

    @Test
    void severalTesseractsReadAScreenExactlyAsOneDoes() {
        Screenshot screen = form("Nothing ordered yet");
        try (OcrEngine one = OcrEngine.open(OcrEngine.ENGLISH, 1);
             OcrEngine four = OcrEngine.open(OcrEngine.ENGLISH, 4)) {
            ScreenText alone = one.read(screen);

            assertThat(alone.text()).contains("Street and number", "Change 10", "Dark mode label");
            for (int read = 0; read < 3; read++) {
                assertThat(four.read(screen)).isEqualTo(alone);
                assertThat(new ScreenReader(four).read(screen, screen.bounds())).isEqualTo(alone);
            }
            assertThat(one.instances()).isEqualTo(1);
            assertThat(four.instances()).as("Tesseracts started").isBetween(2, 4);
        }
    }

    @Test
    void threadsSharingAnEngineEachGetTheWholeAnswer() throws Exception {
        Screenshot[] screens = {form("Nothing ordered yet"), form("Order placed!")};
        ScreenText[] expected = new ScreenText[2];
        try (OcrEngine one = OcrEngine.open(OcrEngine.ENGLISH, 1)) {
            expected[0] = one.read(screens[0]);
            expected[1] = one.read(screens[1]);
        }
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (OcrEngine shared = OcrEngine.open(OcrEngine.ENGLISH, 2)) {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                int which = i % 2;
                answers.add(callers.submit(() -> shared.read(screens[which]).equals(expected[which])));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
            assertThat(shared.instances()).isBetween(1, 2);
        } finally {
            callers.shutdown();
        }
    }

    @Test
    void aTesseractIsStartedOnlyWhenAReadNeedsIt() {
        try (OcrEngine engine = OcrEngine.open(OcrEngine.ENGLISH, 4)) {
            assertThat(engine.instances()).isEqualTo(1);

            engine.read(new TextScreens(300, 60).label("Save as", 10, 35, 10).screen());

            assertThat(engine.instances()).as("one run needs one Tesseract").isEqualTo(1);
        }
    }
}
