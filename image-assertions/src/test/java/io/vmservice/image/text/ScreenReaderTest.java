package io.vmservice.image.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Polled reads do only what the change needs and answer what a fresh whole-screen read answers. */
class ScreenReaderTest {

    private static OcrEngine engine;

    @BeforeAll
    static void open() {
        engine = OcrEngine.english();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static TextScreens form(String status) {
        return new TextScreens(800, 400)
                .label("Shipping address", 20, 30, 11)
                .label("Name", 20, 70, 10).label("Street and number", 20, 110, 10)
                .label("City", 20, 150, 10).label("Postcode", 400, 150, 10)
                .button("Cancel", 20, 200, 10).button("Place order", 140, 200, 10)
                .label(status, 20, 300, 10)
                .label("Help", 700, 380, 9);
    }

    @Test
    void anUnchangedScreenIsNotReadAgainAndAChangedLineAloneIs() {
        ScreenReader reader = new ScreenReader(engine);
        Screenshot before = form("Nothing ordered yet").screen();
        Screenshot after = form("Order placed!").screen();
        Region all = before.bounds();

        ScreenText first = reader.read(before, all);
        int runs = reader.recognitions();
        assertThat(first).isEqualTo(engine.read(before));
        assertThat(first.text()).contains("Place order", "Nothing ordered yet");

        assertThat(reader.read(form("Nothing ordered yet").screen(), all)).isSameAs(first);
        assertThat(reader.recognitions()).isEqualTo(runs);

        ScreenText changed = reader.read(after, all);
        assertThat(changed).isEqualTo(engine.read(after));
        assertThat(changed.text()).contains("Order placed!").doesNotContain("Nothing ordered yet");
        assertThat(reader.recognitions() - runs).as("runs read again").isEqualTo(1);
    }

    @Test
    void textThatMovedIsRecognisedFromItsPixels() {
        ScreenReader reader = new ScreenReader(engine);
        Screenshot top = new TextScreens(600, 300).label("Scrolled line", 20, 40, 10).screen();
        Screenshot lower = new TextScreens(600, 300).label("Scrolled line", 20, 140, 10).screen();

        reader.read(top, top.bounds());
        int runs = reader.recognitions();
        ScreenText moved = reader.read(lower, lower.bounds());

        assertThat(reader.recognitions()).isEqualTo(runs);
        assertThat(moved).isEqualTo(engine.read(lower));
    }

    @Test
    void runsFoundAgainAroundAChangeEqualRunsFoundOnTheWholeScreen() {
        Random random = new Random(14);
        BufferedImage image = form("Status").screen().toBufferedImage();
        Screenshot earlier = Screenshot.of(image);
        var runs = TextRegions.find(earlier, earlier.bounds());
        for (int step = 0; step < 200; step++) {
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int x = random.nextInt(780);
            int y = random.nextInt(380);
            switch (step % 4) {
                case 0 -> g.drawString("Word " + step, x, y + 12);
                case 1 -> g.fillRect(x, y, 1 + random.nextInt(60), 1 + random.nextInt(30));
                case 2 -> g.drawRect(x, y, 5 + random.nextInt(300), 5 + random.nextInt(200));
                default -> g.drawLine(x, 0, x, 399);
            }
            g.dispose();
            Screenshot now = Screenshot.of(image);
            var changed = now.changedSince(earlier, now.bounds());
            if (changed.isPresent()) {
                runs = TextRegions.update(now, now.bounds(), runs, changed.get());
                assertThat(runs).as("step %d", step).isEqualTo(TextRegions.find(now, now.bounds()));
            }
            earlier = now;
        }
    }
}
