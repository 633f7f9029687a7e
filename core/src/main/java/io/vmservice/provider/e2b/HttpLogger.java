package io.vmservice.provider.e2b;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the provider's one-line HTTP logs go; the lines it receives are already redacted. */
@FunctionalInterface
public interface HttpLogger {

    /** SLF4J logger {@code io.vmservice.provider.e2b.http} at DEBUG level. */
    HttpLogger SLF4J = new HttpLogger() {
        private final Logger log = LoggerFactory.getLogger("io.vmservice.provider.e2b.http");

        @Override
        public void log(String line) {
            log.debug(line);
        }

        @Override
        public boolean enabled() {
            return log.isDebugEnabled();
        }
    };

    void log(String line);

    /** False skips building the lines at all. */
    default boolean enabled() {
        return true;
    }
}
