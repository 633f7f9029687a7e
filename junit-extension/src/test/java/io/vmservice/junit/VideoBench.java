package io.vmservice.junit;

import static org.awaitility.Awaitility.await;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Figures of the screen recorder on a real local desktop at 1024x768, each beside a reference
 * measured in the same run: a minute of an idle desktop and a minute of typing into an editor
 * (bytes against what a PNG per changed frame would take), and the process's resident memory
 * over 200 recordings (against the same figure after the first 20).
 * Run by {@code scripts/bench}; prints a table, asserts nothing.
 * Usage: {@code VideoBench [SECONDS] [RECORDINGS]} (defaults 60 and 200).
 */
public final class VideoBench {

    private VideoBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int recordings = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path work = Files.createTempDirectory("vmservice-video-bench");
        List<String> rows = new ArrayList<>();
        try (LocalProvider provider = LocalProvider.builder().build();
             VmServiceClient client = VmServiceClient.builder().provider(provider).build()) {
            SandboxInfo info = client.createSandbox("bench", SandboxConfig.builder().template("desktop").build());
            Desktop desktop = Desktop.of(client, info.sandboxId());
            desktop.waitForStableScreen();

            Screenshot idleScreen = desktop.screenshot();
            ScreenRecorder.Result idle = record(desktop, work.resolve("idle.webm"), seconds, () -> { });
            rows.add(row(String.format(Locale.ROOT, "%d s of an idle desktop (%d frames encoded)", seconds, idle.frames()),
                    Files.size(idle.file()), idleScreen.toPng().length, "one PNG of that screen"));

            desktop.launch("mousepad").waitForWindow("Mousepad").waitForStableScreen();
            long[] pngBytes = {0};
            ScreenRecorder.Result typing = record(desktop, work.resolve("typing.webm"), seconds, () -> {
                desktop.type("The quick brown fox jumps over the lazy dog. ");
                pngBytes[0] += desktop.screenshot().toPng().length;
            });
            rows.add(row(String.format(Locale.ROOT, "%d s of typing into mousepad (%d frames encoded, %d dropped)",
                    seconds, typing.frames(), typing.dropped()), Files.size(typing.file()),
                    pngBytes[0], "a PNG after each typed sentence"));
            client.destroySandbox(info.sandboxId());
        }
        rows.addAll(nativeMemory(work, recordings));
        System.out.println("| figure | value | same-run reference | ratio |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Records for the given time while the action repeats on this thread. */
    private static ScreenRecorder.Result record(Desktop desktop, Path file, int seconds, Runnable action) {
        ScreenRecorder recorder = ScreenRecorder.start("bench", desktop::screenshot, file, VideoSettings.DEFAULTS);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        await().atMost(Duration.ofSeconds(seconds * 3L)).pollInterval(Duration.ofMillis(100)).until(() -> {
            action.run();
            return System.nanoTime() >= end;
        });
        return recorder.stop().orElseThrow();
    }

    /** Resident memory after 20, half and all recordings of synthetic screens, 30 frames each. */
    private static List<String> nativeMemory(Path work, int recordings) throws IOException {
        List<String> rows = new ArrayList<>();
        long reference = 0;
        for (int i = 1; i <= recordings; i++) {
            Path file = work.resolve("memory.webm");
            try (VideoEncoder encoder = new VideoEncoder(file, 1024, 768, 10)) {
                for (int frame = 0; frame < 30; frame++) {
                    encoder.encode(movingSquare(frame), frame * 100_000L);
                }
            }
            Files.delete(file);
            if (i == 20 || i > 20 && (i == recordings / 2 || i == recordings)) {
                System.gc();
                long rss = residentKb();
                if (i == 20) {
                    reference = rss;
                }
                rows.add(String.format(Locale.ROOT, "| resident memory after %d recordings (JavaCPP physical %d MB) | %d MB | %d MB after 20 | %.2fx |",
                        i, Pointer.physicalBytes() >> 20, rss >> 10, reference >> 10, rss / (double) reference));
            }
        }
        return rows;
    }

    private static Screenshot movingSquare(int frame) {
        int[] pixels = new int[1024 * 768];
        java.util.Arrays.fill(pixels, 0xFF3A6EA5);
        for (int y = 300; y < 400; y++) {
            for (int x = frame * 20; x < frame * 20 + 100; x++) {
                pixels[y * 1024 + x] = 0xFFFFFFFF;
            }
        }
        return Screenshot.ofPixels(1024, 768, pixels);
    }

    private static long residentKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    private static String row(String figure, long bytes, long referenceBytes, String reference) {
        return String.format(Locale.ROOT, "| %s | %.1f KB | %s %.1f KB | %.3fx |", figure, bytes / 1024.0, reference,
                referenceBytes / 1024.0, bytes / (double) referenceBytes);
    }
}
