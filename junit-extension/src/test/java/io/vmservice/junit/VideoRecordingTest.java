package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vmservice.desktop.Desktop;
import io.vmservice.image.Template;
import io.vmservice.screen.Match;
import io.vmservice.screen.Point;
import io.vmservice.screen.Region;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Videos of real local desktops, run through JUnit's engine and read back with FFmpeg: kept for a
 * failed test and ending on its final screen, dropped for a passing one unless asked, and fast
 * enough at 10 frames per second to show a dragged window where it started and where it ended.
 */
class VideoRecordingTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private Events run(Class<?> testClass, String... configuration) {
        SEEN.clear();
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter("vmservice.template", "minimal")
                .configurationParameter("vmservice.artifacts.dir", dir.toString());
        for (int i = 0; i + 1 < configuration.length; i += 2) {
            request.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return request.execute().testEvents();
    }

    private List<Path> videos() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith("-video.webm")).toList();
        }
    }

    @Test
    void aFailedTestKeepsAVideoThatEndsOnItsFinalScreen() throws Exception {
        run(FailingCase.class).assertStatistics(stats -> stats.failed(1));
        String id = SEEN.get(0);
        Path artifacts = dir.resolve("FailingCase").resolve("failsAfterOpeningAWindow");
        Path video = artifacts.resolve(id + "-video.webm");
        assertThat(video).isNotEmptyFile();

        VideoFrames decoded = VideoFrames.decode(video);
        assertThat(decoded.codec()).isEqualTo("vp9");
        assertThat(decoded.frames()).hasSizeGreaterThan(1);
        assertThat(decoded.durationSeconds()).isGreaterThan(0.5);
        Screenshot finalScreen = Screenshot.read(artifacts.resolve(id + "-screen.png"));
        assertThat(VideoFrames.differingShare(decoded.last(), finalScreen)).isLessThan(0.005);
        // The window opened during the test: the first frame does not show it yet.
        assertThat(VideoFrames.differingShare(decoded.frames().get(0), finalScreen)).isGreaterThan(0.005);
    }

    @Test
    void aPassingTestKeepsNoVideoUnlessAlways() throws Exception {
        run(PassingCase.class).assertStatistics(stats -> stats.succeeded(1));
        assertThat(videos()).isEmpty();
        assertThat(dir.resolve("PassingCase").resolve("passes")).doesNotExist();

        run(PassingCase.class, "vmservice.video", "always").assertStatistics(stats -> stats.succeeded(1));
        assertThat(videos()).hasSize(1);
        assertThat(VideoFrames.decode(videos().get(0)).frames()).isNotEmpty();
    }

    @Test
    void aTestThatTimesOutKeepsAVideoThatPlays() throws Exception {
        run(TimeoutCase.class).assertStatistics(stats -> stats.failed(1));
        assertThat(videos()).hasSize(1);
        VideoFrames decoded = VideoFrames.decode(videos().get(0));
        assertThat(decoded.frames()).hasSizeGreaterThan(1);
        assertThat(decoded.durationSeconds()).isGreaterThan(1.0);
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "vmservice-local", SEEN.get(0))).doesNotExist();
    }

    @Test
    void offRecordsNothingEvenForAFailure() throws Exception {
        run(FailingCase.class, "vmservice.video", "off").assertStatistics(stats -> stats.failed(1));
        assertThat(videos()).isEmpty();
    }

    @Test
    void aDragRecordedAtTenFramesPerSecondShowsTheWindowAtItsStartAndItsEnd() throws Exception {
        DragCase.logoFile = dir.resolve("logo.png");
        run(DragCase.class, "vmservice.video", "always", "vmservice.video.fps", "10")
                .assertStatistics(stats -> stats.succeeded(1));
        VideoFrames decoded = VideoFrames.decode(videos().get(0));
        Screenshot logoPicture = Screenshot.read(dir.resolve("logo.png"));
        Template logo = Template.fromScreenshot(logoPicture, logoPicture.bounds()).named("xlogo").similarity(0.9);
        Point start = new Point(Integer.parseInt(SEEN.get(0)), Integer.parseInt(SEEN.get(1)));
        Point end = new Point(Integer.parseInt(SEEN.get(2)), Integer.parseInt(SEEN.get(3)));

        List<Point> seenAt = decoded.frames().stream().map(frame -> logo.search(frame).matches())
                .filter(matches -> matches.size() == 1).map(matches -> matches.get(0).region())
                .map(r -> new Point(r.x(), r.y())).toList();
        assertThat(seenAt).anySatisfy(p -> assertNear(p, start)).anySatisfy(p -> assertNear(p, end));
        assertThat(seenAt.get(seenAt.size() - 1)).satisfies(p -> assertNear(p, end));
    }

    private static void assertNear(Point actual, Point expected) {
        assertThat(Math.abs(actual.x() - expected.x())).isLessThanOrEqualTo(2);
        assertThat(Math.abs(actual.y() - expected.y())).isLessThanOrEqualTo(2);
    }

    @DesktopTest
    static class FailingCase {
        @Sandbox
        Desktop desktop;

        @Test
        void failsAfterOpeningAWindow() {
            SEEN.add(desktop.sandboxId());
            desktop.run("xlogo -geometry 200x200+300+200 >/dev/null 2>&1 &");
            desktop.waitForWindow("xlogo").waitForStableScreen();
            throw new AssertionError("failing on purpose, with a logo on the screen");
        }
    }

    @DesktopTest
    static class TimeoutCase {
        @Test
        @Timeout(value = 3, unit = TimeUnit.SECONDS)
        void hangs(Desktop desktop) {
            SEEN.add(desktop.sandboxId());
            desktop.run("xlogo -geometry 100x100+300+200 >/dev/null 2>&1 &");
            desktop.run("sleep 30");
        }
    }

    @DesktopTest
    static class PassingCase {
        @Sandbox
        Desktop desktop;

        @Test
        void passes() {
            desktop.run("xlogo -geometry 100x100+300+200 >/dev/null 2>&1 &");
            desktop.waitForWindow("xlogo").waitForStableScreen();
        }
    }

    @DesktopTest
    static class DragCase {
        static Path logoFile;

        @Sandbox
        Desktop desktop;

        @Test
        void dragsAWindow() {
            desktop.run("xlogo -geometry 120x120+500+300 >/dev/null 2>&1 &");
            String window = desktop.waitForWindow("xlogo").windows("xlogo").get(0);
            Region client = clientArea(desktop, window);
            Region inside = new Region(client.x() + 1, client.y() + 1, client.width() - 2, client.height() - 2);
            // xlogo draws its picture a moment after its window maps.
            Screenshot screen = Awaitility.await().atMost(Duration.ofSeconds(10)).until(desktop::screenshot,
                    shot -> shot.argb(client.center().x(), client.center().y()) != shot.argb(client.x() + 2, client.y() + 2));
            screen.crop(inside).savePng(logoFile);
            Template logo = Template.fromScreenshot(screen, inside).named("xlogo");
            Match before = desktop.find(logo).waitVisible();
            // Grab the title bar just above the picture and move the window 300 left and 150 up.
            int toTitle = -(inside.height() / 2) - 12;
            desktop.find(logo).offset(0, toTitle)
                    .dragTo(new Point(before.center().x() - 300, before.center().y() + toTitle - 150));
            Match after = desktop.find(logo).waitVisible();
            SEEN.addAll(List.of(Integer.toString(before.region().x()), Integer.toString(before.region().y()),
                    Integer.toString(after.region().x()), Integer.toString(after.region().y())));
            assertThat(after.region().x()).isEqualTo(before.region().x() - 300);
        }

        private static Region clientArea(Desktop desktop, String window) {
            String info = desktop.run("xwininfo -id " + window).stdout();
            return new Region(field(info, "Absolute upper-left X"), field(info, "Absolute upper-left Y"),
                    field(info, "Width"), field(info, "Height"));
        }

        private static int field(String xwininfo, String name) {
            return xwininfo.lines().map(String::trim).filter(l -> l.startsWith(name + ":"))
                    .map(l -> Integer.parseInt(l.substring(name.length() + 1).trim())).findFirst().orElseThrow();
        }
    }
}
