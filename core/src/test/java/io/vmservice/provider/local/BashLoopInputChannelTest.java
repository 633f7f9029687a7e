package io.vmservice.provider.local;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The input channel's tests on a sandbox where python3 cannot start (its standard library is not
 * where PYTHONHOME says): the XTEST agent fails its check and the helper is the bash loop, which
 * keeps every promise of the channel.
 */
class BashLoopInputChannelTest extends InputChannelTest {

    @BeforeAll
    static void boot() {
        start(Map.of("PYTHONHOME", "/nonexistent"));
    }

    @Override
    String expectedHelper() {
        return "/bin/bash";
    }
}
