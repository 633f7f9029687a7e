package io.vmservice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LoggingBindingTest {

    @Test
    void withoutABindingOneLineSaysTheWarningsAreDropped() throws Exception {
        // A JVM whose class path has SLF4J's API and no binding, as a project that forgot one.
        String classPath = String.join(File.pathSeparator, location(LoggingBinding.class), location(Probe.class),
                location(Logger.class));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Probe.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("No SLF4J providers were found");
        assertThat(output.lines().filter(l -> l.startsWith("vmservice: ")).toList()).containsExactly(
                "vmservice: no SLF4J binding on the class path, so the framework's warnings are dropped;"
                        + " add one to the test class path, e.g. org.slf4j:slf4j-simple (or Logback, Log4j)");
    }

    @Test
    void withABindingNothingIsPrinted() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoggingBinding.warnOnceIfMissing(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Asks twice, as a client and a provider built in one run would. */
    public static final class Probe {
        public static void main(String[] args) {
            LoggingBinding.warnOnceIfMissing();
            LoggingBinding.warnOnceIfMissing();
        }
    }
}
