package io.vmservice.image;

import io.vmservice.screen.Screenshot;
import java.util.concurrent.TimeUnit;
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

/** The perceptual diff of two 1920x1080 images: identical, a small change, all noise. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class DiffBenchmark {

    private static final DiffOptions COUNT_ONLY = DiffOptions.builder().drawDiffImage(false).build();

    private Screenshot desktop;
    private Screenshot desktopCopy;
    private Screenshot changed;
    private Screenshot noiseA;
    private Screenshot noiseB;

    @Setup
    public void setUp() {
        desktop = BenchImages.desktop();
        desktopCopy = BenchImages.desktop();
        changed = BenchImages.desktopSmallChange();
        noiseA = BenchImages.noise(1);
        noiseB = BenchImages.noise(2);
    }

    @Benchmark
    public long identical() {
        return ImageDiff.compare(desktop, desktopCopy, COUNT_ONLY).mismatched();
    }

    @Benchmark
    public long smallChange() {
        return ImageDiff.compare(desktop, changed, COUNT_ONLY).mismatched();
    }

    @Benchmark
    public long smallChangeWithDiffImage() {
        return ImageDiff.compare(desktop, changed).mismatched();
    }

    @Benchmark
    public long allNoise() {
        return ImageDiff.compare(noiseA, noiseB, COUNT_ONLY).mismatched();
    }
}
