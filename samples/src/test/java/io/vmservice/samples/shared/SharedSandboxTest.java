package io.vmservice.samples.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.desktop.Desktop;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One sandbox for the whole class: a {@code static} field annotated {@code @Sandbox}. The first
 * test prepares it (a slow log-in, say), the next ones build on that state.
 */
@DesktopTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSandboxTest {

    @Sandbox(template = "minimal")
    static Desktop desktop;

    @Test
    @Order(1)
    void preparesTheSharedDesktop() {
        desktop.files().write("/home/user/session.txt", "logged in");
    }

    @Test
    @Order(2)
    void laterTestsSeeWhatEarlierOnesLeft() {
        assertThat(desktop.files().read("/home/user/session.txt")).isEqualTo("logged in");
    }
}
