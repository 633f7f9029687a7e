package io.vmservice.junit;

import io.vmservice.desktop.DesktopSettings;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.screen.Resolution;
import io.vmservice.settings.VmServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's {@link VmServiceSettings}, resolved once from the environment, system properties and
 * JUnit's configuration parameters ({@code junit-platform.properties}), and what the extension
 * makes of them; a {@link Sandbox} attribute wins over the settings for its sandbox.
 */
final class TestConfiguration {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestConfiguration.class);

    private final VmServiceSettings settings;

    TestConfiguration(VmServiceSettings settings) {
        this.settings = settings;
    }

    /** The run's configuration, resolved on first use and kept in the root store. */
    static TestConfiguration of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent("settings", k -> {
            try {
                return new TestConfiguration(VmServiceSettings.resolve(root::getConfigurationParameter));
            } catch (InvalidInputException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
        }, TestConfiguration.class);
    }

    VmServiceSettings settings() {
        return settings;
    }

    SandboxConfig sandboxConfig(Sandbox annotation) {
        SandboxConfig.Builder config = SandboxConfig.builder(settings);
        if (annotation == null) {
            return config.build();
        }
        if (!annotation.template().isEmpty()) {
            config.template(annotation.template());
        }
        if (!annotation.resolution().isEmpty()) {
            config.resolution(Resolution.parse(annotation.resolution()));
        }
        if (annotation.timeoutSeconds() > 0) {
            config.timeout(Duration.ofSeconds(annotation.timeoutSeconds()));
        }
        if (annotation.cpuCount() > 0) {
            config.cpuCount(annotation.cpuCount());
        }
        if (annotation.memoryMb() > 0) {
            config.memoryMb(annotation.memoryMb());
        }
        if (annotation.internet() != Sandbox.Internet.DEFAULT) {
            config.allowInternetAccess(annotation.internet() == Sandbox.Internet.ON);
        }
        return config.build();
    }

    DesktopSettings desktopSettings() {
        return DesktopSettings.DEFAULTS.withActionTimeout(settings.get(VmServiceSettings.ACTION_TIMEOUT))
                .withAssertionTimeout(settings.get(VmServiceSettings.ASSERTION_TIMEOUT))
                .withWindowTimeout(settings.get(VmServiceSettings.WINDOW_TIMEOUT));
    }

    int maxSandboxes() {
        return settings.get(VmServiceSettings.MAX_SANDBOXES);
    }

    /** How long a test waits for a sandbox slot when {@code max-sandboxes} are in use; {@code 0s} fails at once. */
    Duration slotTimeout() {
        return settings.get(VmServiceSettings.SLOT_TIMEOUT);
    }

    /** {@code always}: every test's final screen goes to the report; {@code on-failure}: only failures'. */
    boolean screenshotsAlways() {
        return settings.get(VmServiceSettings.SCREENSHOTS).equals("always");
    }

    /** Which tests keep a video of their sandboxes' screens. */
    Retention video() {
        return Retention.parse(settings.get(VmServiceSettings.VIDEO));
    }

    VideoSettings videoSettings() {
        return new VideoSettings(settings.get(VmServiceSettings.VIDEO_FPS), VideoSettings.DEFAULTS.queuedFrames());
    }

    /** Which tests keep a picture of each step in the report. */
    Retention trace() {
        return Retention.parse(settings.get(VmServiceSettings.TRACE));
    }

    /** {@code local} or {@code e2b}. */
    String provider() {
        return settings.get(VmServiceSettings.PROVIDER);
    }

    /** Warm sandboxes the local provider keeps per kind. */
    int localPoolSize() {
        return settings.get(VmServiceSettings.LOCAL_POOL_SIZE);
    }

    /** Used desktops the local provider restores and keeps per kind and user. */
    int localReuse() {
        return settings.get(VmServiceSettings.LOCAL_REUSE);
    }

    String user() {
        return settings.get(VmServiceSettings.USER);
    }

    /** The run's artifacts root; each test's folder is under it. */
    Path artifactsDir() {
        return settings.get(VmServiceSettings.ARTIFACTS_DIR);
    }
}
