package io.vmservice.junit;

import io.vmservice.StepMark;
import io.vmservice.StepReporter;
import io.vmservice.screen.Point;
import io.vmservice.screen.Screenshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step reporter that also remembers, for each DSL step of the running test, how long it took,
 * where it acted and the screen right after it, so a failed test can be read step by step.
 * Steps nest (a locator's click holds the click at a point): a mark counts for every step open
 * at the time. Only the last {@value #PICTURES} steps keep their screen, so memory stays bounded;
 * consecutive identical screens are held once.
 */
final class StepTrace implements StepReporter {

    static final int PICTURES = 30;
    private static final Logger LOG = LoggerFactory.getLogger(StepTrace.class);

    private final StepReporter report;
    private final Supplier<Screenshot> screen;
    private final Deque<TracedStep> open = new ArrayDeque<>();
    private final List<TracedStep> done = new ArrayList<>();
    private Screenshot lastScreen;
    private Point lastPointer;

    StepTrace(StepReporter report, Supplier<Screenshot> screen) {
        this.report = report;
        this.screen = screen;
    }

    @Override
    public <T> T step(String name, Supplier<T> action) {
        return report.step(name, () -> {
            TracedStep traced = begin(name);
            boolean passed = false;
            try {
                T result = action.get();
                passed = true;
                return result;
            } finally {
                end(traced, passed);
            }
        });
    }

    /** Typing is drawn where the pointer last acted: that is usually where the focus went. */
    @Override
    public synchronized void mark(StepMark mark) {
        StepMark drawn = mark;
        if (mark.kind() == StepMark.Kind.TYPING && mark.points().isEmpty() && lastPointer != null) {
            drawn = StepMark.typing(List.of(lastPointer));
        } else if (!mark.points().isEmpty() && mark.kind() != StepMark.Kind.TYPING) {
            lastPointer = mark.points().get(mark.points().size() - 1);
        }
        StepMark finalMark = drawn;
        open.forEach(step -> step.marks().add(finalMark));
        report.mark(mark);
    }

    /** The steps finished since the last call, oldest first; the trace starts afresh. */
    synchronized List<TracedStep> takeSteps() {
        List<TracedStep> steps = List.copyOf(done);
        done.clear();
        lastScreen = null;
        return steps;
    }

    private synchronized TracedStep begin(String name) {
        TracedStep step = new TracedStep(name, open.size(), System.nanoTime(), AllureSupport.currentStep());
        open.push(step);
        return step;
    }

    private void end(TracedStep step, boolean passed) {
        Screenshot after = afterScreen();
        synchronized (this) {
            open.remove(step);
            step.finish(Duration.ofNanos(System.nanoTime() - step.startNanos()), passed, after);
            done.add(step);
            // Keep the newest pictures only.
            int withPictures = 0;
            for (int i = done.size() - 1; i >= 0; i--) {
                if (done.get(i).after() != null && ++withPictures > PICTURES) {
                    done.get(i).dropPicture();
                }
            }
        }
    }

    private Screenshot afterScreen() {
        try {
            Screenshot now = screen.get();
            synchronized (this) {
                if (lastScreen != null && lastScreen.samePixels(now)) {
                    return lastScreen;
                }
                lastScreen = now;
                return now;
            }
        } catch (RuntimeException e) {
            LOG.debug("no screen after the step: {}", e.getMessage());
            return null;
        }
    }
}
