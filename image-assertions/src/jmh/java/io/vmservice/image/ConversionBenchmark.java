package io.vmservice.image;

import io.vmservice.screen.Screenshot;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Moving a 1920x1080 screenshot between Java and OpenCV. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ConversionBenchmark {

    private Screenshot screen;
    private BufferedImage rgbImage;

    @Setup
    public void setUp() {
        screen = BenchImages.desktop();
        rgbImage = new BufferedImage(screen.width(), screen.height(), BufferedImage.TYPE_INT_RGB);
        rgbImage.getGraphics().drawImage(screen.toBufferedImage(), 0, 0, null);
    }

    @Benchmark
    public int screenshotToBgraMat() {
        try (PointerScope scope = new PointerScope()) {
            return NativeImages.bgra(screen).cols();
        }
    }

    @Benchmark
    public int screenshotToGreyMat() {
        try (PointerScope scope = new PointerScope()) {
            return NativeImages.grey(NativeImages.bgra(screen)).cols();
        }
    }

    @Benchmark
    public int screenshotToBgrMat() {
        try (PointerScope scope = new PointerScope()) {
            return NativeImages.bgr(NativeImages.bgra(screen)).cols();
        }
    }

    @Benchmark
    public int bgraMatToScreenshot() {
        try (PointerScope scope = new PointerScope()) {
            return NativeImages.screenshot(NativeImages.bgra(screen)).width();
        }
    }

    @Benchmark
    public int bufferedImageToScreenshot() {
        return Screenshot.of(rgbImage).width();
    }
}
