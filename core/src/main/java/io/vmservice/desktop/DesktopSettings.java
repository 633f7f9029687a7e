package io.vmservice.desktop;

import com.google.errorprone.annotations.CheckReturnValue;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.internal.desktop.DesktopCommands;
import io.vmservice.settings.VmServiceSettings;
import java.time.Duration;

/**
 * How long the DSL waits and how often it looks: locators wait up to {@code actionTimeout} for
 * their target, live-screen assertions up to {@code assertionTimeout}, {@code waitForWindow} up
 * to {@code windowTimeout}; the screen is polled every {@code pollInterval}; typing waits
 * {@code typingDelayMs} between keys. The timeouts' defaults are those of {@link VmServiceSettings}.
 */
@CheckReturnValue
public record DesktopSettings(Duration actionTimeout, Duration assertionTimeout, Duration windowTimeout,
                              Duration pollInterval, int typingDelayMs) {

    /**
     * The defaults: the timeouts of {@link VmServiceSettings}, a look every 100 ms, and 12 ms between
     * typed keys (xdotool's own pace), which {@code VmServiceClient.typeText} uses as well. Characters
     * outside the keyboard map (ü, 😀) arrive at that pace because the sandbox's input agent keeps
     * the spare keycodes it binds for them until typing has stopped.
     */
    public static final DesktopSettings DEFAULTS = new DesktopSettings(VmServiceSettings.ACTION_TIMEOUT.defaultValue(),
            VmServiceSettings.ASSERTION_TIMEOUT.defaultValue(), VmServiceSettings.WINDOW_TIMEOUT.defaultValue(),
            Duration.ofMillis(100), DesktopCommands.DEFAULT_TYPING_DELAY_MS);

    public DesktopSettings {
        positive("actionTimeout", actionTimeout);
        positive("assertionTimeout", assertionTimeout);
        positive("windowTimeout", windowTimeout);
        positive("pollInterval", pollInterval);
        if (typingDelayMs < 0 || typingDelayMs > 10_000) {
            throw new InvalidInputException("typingDelayMs must be between 0 and 10000, got " + typingDelayMs);
        }
    }

    public DesktopSettings withActionTimeout(Duration timeout) {
        return new DesktopSettings(timeout, assertionTimeout, windowTimeout, pollInterval, typingDelayMs);
    }

    public DesktopSettings withAssertionTimeout(Duration timeout) {
        return new DesktopSettings(actionTimeout, timeout, windowTimeout, pollInterval, typingDelayMs);
    }

    public DesktopSettings withWindowTimeout(Duration timeout) {
        return new DesktopSettings(actionTimeout, assertionTimeout, timeout, pollInterval, typingDelayMs);
    }

    public DesktopSettings withPollInterval(Duration interval) {
        return new DesktopSettings(actionTimeout, assertionTimeout, windowTimeout, interval, typingDelayMs);
    }

    public DesktopSettings withTypingDelayMs(int delayMs) {
        return new DesktopSettings(actionTimeout, assertionTimeout, windowTimeout, pollInterval, delayMs);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException(name + " must be a positive duration, got " + value);
        }
    }
}
