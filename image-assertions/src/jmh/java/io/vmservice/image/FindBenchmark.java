package io.vmservice.image;

import io.vmservice.screen.Screenshot;
import io.vmservice.screen.SearchResult;
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

/** One template search in a 1920x1080 screenshot: full-size grey and colour, and coarse to fine. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class FindBenchmark {

    private Screenshot screen;
    private Template template;

    @Setup
    public void setUp() {
        screen = BenchImages.desktop();
        template = Template.fromScreenshot(screen, TestScreens.UNIQUE_ICON);
    }

    @Benchmark
    public SearchResult fullGrey() {
        return TemplateMatcher.search(screen, template.coarseToFine(false));
    }

    @Benchmark
    public SearchResult fullColour() {
        return TemplateMatcher.search(screen, template.coarseToFine(false).inColor());
    }

    @Benchmark
    public SearchResult coarseToFineGrey() {
        return TemplateMatcher.search(screen, template);
    }

    @Benchmark
    public SearchResult coarseToFineColour() {
        return TemplateMatcher.search(screen, template.inColor());
    }
}
