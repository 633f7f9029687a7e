package io.vmservice.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Tells the user once when SLF4J has no binding: every warning of the framework (a sandbox that
 * could not be reused, limits not enforced) would otherwise be dropped without a trace.
 */
public final class LoggingBinding {

    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private LoggingBinding() {
    }

    /** Prints one line to standard error, the first time, when SLF4J drops everything. */
    public static void warnOnceIfMissing() {
        warnOnceIfMissing(System.err);
    }

    static void warnOnceIfMissing(PrintStream err) {
        if (CHECKED.compareAndSet(false, true) && LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            err.println("vmservice: no SLF4J binding on the class path, so the framework's warnings are dropped;"
                    + " add one to the test class path, e.g. org.slf4j:slf4j-simple (or Logback, Log4j)");
        }
    }
}
