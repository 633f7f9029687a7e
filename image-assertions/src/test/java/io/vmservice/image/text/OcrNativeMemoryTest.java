package io.vmservice.image.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.Screenshot;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Reads and engines leave native memory where it was: Tesseract's iterators and strings are
 * freed by Tesseract, engines by {@code End}. The module's tests run without JavaCPP's garbage
 * collection of pointers and with a fixed, pre-touched heap (see the pom), so resident growth is
 * native growth. scripts/bench runs the same over 10,000 reads.
 */
class OcrNativeMemoryTest {

    private static final long MB = 1024 * 1024;

    @Test
    void readsAndEnginesLeaveNativeMemoryFlat() {
        Screenshot[] screens = {
            new TextScreens(260, 60).label("Save as", 10, 35, 10).screen(),
            new TextScreens(260, 90).button("Place order", 10, 10, 10).label("Save as", 10, 75, 10).screen(),
        };
        // two Tesseracts, so that the second screen's runs are read side by side
        try (OcrEngine engine = OcrEngine.open(OcrEngine.ENGLISH, 2)) {
            read(engine, screens, 200);
            cycleEngines(3, screens[1]);
            long trackedBefore = Pointer.totalBytes();
            long residentBefore = Pointer.physicalBytes();

            read(engine, screens, 500);
            cycleEngines(10, screens[1]);
            long trackedAfter = Pointer.totalBytes();
            long residentAfter = Pointer.physicalBytes();

            System.out.printf("native memory over 500 reads and 10 engines of two Tesseracts: JavaCPP-tracked %d -> %d bytes,"
                    + " resident %d -> %d MB%n", trackedBefore, trackedAfter, residentBefore / MB, residentAfter / MB);
            assertThat(trackedAfter - trackedBefore).isLessThan(MB);
            // a Tesseract not ended keeps its ~20 MB model: ten engines of two would add up to 400 MB
            assertThat(residentAfter - residentBefore).isLessThan(32 * MB);
        }
    }

    private static void read(OcrEngine engine, Screenshot[] screens, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(engine.read(screens[i % 2]).isEmpty()).isFalse();
        }
    }

    private static void cycleEngines(int count, Screenshot twoRuns) {
        for (int i = 0; i < count; i++) {
            try (OcrEngine engine = OcrEngine.open(OcrEngine.ENGLISH, 2)) {
                assertThat(engine.read(twoRuns).lines()).hasSize(2);
            }
        }
    }
}
