package io.vmservice.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failure images and logs are announced once written: the JUnit extension listens and
 * attaches them to the running test's report (Allure), so assertions need not know the report.
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal} may change in any release.
 */
public final class Artifacts {

    private static final Logger LOG = LoggerFactory.getLogger(Artifacts.class);
    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    /** Told about every artifact written on the calling thread's behalf. */
    @FunctionalInterface
    public interface Listener {
        void published(String name, Path file);
    }

    private Artifacts() {
    }

    public static void addListener(Listener listener) {
        if (!LISTENERS.contains(listener)) {
            LISTENERS.add(listener);
        }
    }

    public static void removeListener(Listener listener) {
        LISTENERS.remove(listener);
    }

    /** Announces a file just written, e.g. {@code publish("welcome-dialog: diff", path)}. */
    public static Path publish(String name, Path file) {
        for (Listener listener : LISTENERS) {
            try {
                listener.published(name, file);
            } catch (RuntimeException e) {
                LOG.warn("artifact listener failed for {}: {}", file, e.getMessage());
            }
        }
        return file;
    }
}
