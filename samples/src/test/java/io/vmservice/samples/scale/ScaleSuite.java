package io.vmservice.samples.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.junit.DesktopTest;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite {@link ScaleHarness} runs: {@code vmservice.scale.tests} short tests (200 unless set),
 * each on a fresh sandbox of its own, doing what a short GUI test does: a file written, a command
 * that reads it after a second's work, the output checked. Not run by the build (no Test in its name).
 */
@DesktopTest
class ScaleSuite {

    /** The run's client, for the harness to read its slot figures after the run. */
    static final AtomicReference<VmServiceClient> CLIENT = new AtomicReference<>();

    static IntStream tests() {
        return IntStream.rangeClosed(1, Integer.getInteger("vmservice.scale.tests", 200));
    }

    @ParameterizedTest(name = "short test {0}")
    @MethodSource("tests")
    void shortTest(int number, Desktop desktop, VmServiceClient client) {
        CLIENT.set(client);
        desktop.files().write("/tmp/number", Integer.toString(number));
        String doubled = desktop.run("sleep 1; echo $(( $(cat /tmp/number) * 2 ))").stdout().strip();
        assertThat(doubled).isEqualTo(Integer.toString(number * 2));
    }
}
