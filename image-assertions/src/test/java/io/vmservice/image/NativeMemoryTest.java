package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand searches, SSIMs and diffs leave native memory where it was. The module's tests
 * run with {@code org.bytedeco.javacpp.nopointergc=true}, so only the scopes in the code can
 * free native memory: the garbage collector cannot hide a leak. The heap is fixed in size and
 * touched up front, so the process's resident size moves only with native memory.
 */
class NativeMemoryTest {

    private static final long MB = 1024 * 1024;

    @Test
    void tenThousandOperationsLeaveNativeMemoryFlat() {
        assertThat(System.getProperty("org.bytedeco.javacpp.nopointergc")).isEqualTo("true");
        Screenshot screen = TestScreens.desktop(400, 260, 77);
        Screenshot changed = TemplateMatcherTest.paste(screen, TestScreens.icon(new Random(5), 24), 200, 60);
        Template icon = Template.fromScreenshot(screen, new Region(40, 60, 32, 24));
        Template[] templates = {icon, icon.coarseToFine(false), icon.inColor(), icon.atScales(1.0, 0.8)};

        runOperations(500, screen, changed, templates);
        long trackedBefore = Pointer.totalBytes();
        long residentBefore = Pointer.physicalBytes();

        runOperations(10_000, screen, changed, templates);
        long trackedAfter = Pointer.totalBytes();
        long residentAfter = Pointer.physicalBytes();

        System.out.printf("native memory over 10,000 operations: JavaCPP-tracked %d -> %d bytes, resident %d -> %d MB%n",
                trackedBefore, trackedAfter, residentBefore / MB, residentAfter / MB);
        assertThat(trackedAfter - trackedBefore).isLessThan(MB);
        // the heap is fixed and pre-touched (see the pom), so resident growth is native growth;
        // a leaked 400x260 search would cost about 0.5 MB per operation, 5 GB over the run
        assertThat(residentAfter - residentBefore).isLessThan(32 * MB);
    }

    private static void runOperations(int count, Screenshot screen, Screenshot changed, Template[] templates) {
        Region around = new Region(180, 40, 80, 60);
        for (int i = 0; i < count; i++) {
            switch (i % 6) {
                case 0, 1, 2, 3 -> assertThat(TemplateMatcher.search(screen, templates[i % 4]).found()).isTrue();
                case 4 -> assertThat(Ssim.compare(screen, changed, around)).isLessThan(1.0);
                default -> assertThat(ImageDiff.compare(screen, changed).mismatched()).isPositive();
            }
        }
    }
}
