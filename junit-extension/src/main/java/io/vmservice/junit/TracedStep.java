package io.vmservice.junit;

import io.vmservice.StepMark;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One DSL step as the trace saw it: name, nesting depth, duration, whether it passed, where it
 * acted and the screen after it. {@code reportStep} is the report's own step, if any, to attach
 * the picture to once the test's outcome is known.
 */
final class TracedStep {

    private final String name;
    private final int depth;
    private final long startNanos;
    private final Object reportStep;
    private final List<StepMark> marks = new ArrayList<>();
    private Duration duration = Duration.ZERO;
    private boolean passed;
    private Screenshot after;

    TracedStep(String name, int depth, long startNanos, Object reportStep) {
        this.name = name;
        this.depth = depth;
        this.startNanos = startNanos;
        this.reportStep = reportStep;
    }

    void finish(Duration took, boolean succeeded, Screenshot screen) {
        this.duration = took;
        this.passed = succeeded;
        this.after = screen;
    }

    void dropPicture() {
        after = null;
    }

    String name() {
        return name;
    }

    int depth() {
        return depth;
    }

    long startNanos() {
        return startNanos;
    }

    Object reportStep() {
        return reportStep;
    }

    List<StepMark> marks() {
        return marks;
    }

    Duration duration() {
        return duration;
    }

    boolean passed() {
        return passed;
    }

    Screenshot after() {
        return after;
    }
}
