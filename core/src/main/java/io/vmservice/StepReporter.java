package io.vmservice;

import java.util.function.Supplier;

/**
 * Where the SDK reports what it does as named steps: the desktop DSL each action, the client each
 * wait for a sandbox slot. The JUnit extension turns steps into Allure steps when Allure is
 * present; the default just runs the action.
 */
public interface StepReporter {

    StepReporter NONE = new StepReporter() {
        @Override
        public <T> T step(String name, Supplier<T> action) {
            return action.get();
        }
    };

    /** Runs the action as one step called {@code name}, and returns its result. */
    <T> T step(String name, Supplier<T> action);

    /** Told, inside a running step, where that step acts; a report may draw it. Ignored by default. */
    default void mark(StepMark mark) {
        // Nothing draws marks unless a reporter wants them.
    }
}
