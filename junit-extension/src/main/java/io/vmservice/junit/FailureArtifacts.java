package io.vmservice.junit;

import io.vmservice.desktop.Desktop;
import io.vmservice.screen.Screenshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed test leaves behind for each of its sandboxes: the final screen, the sandbox's
 * logs and the actions the test took, as files under the test's artifacts folder and, with
 * Allure, as attachments.
 */
final class FailureArtifacts {

    private static final Logger LOG = LoggerFactory.getLogger(FailureArtifacts.class);

    private FailureArtifacts() {
    }

    /** The final screen of a test that passed, for the report only. */
    static void attachFinalScreen(String label, Desktop desktop) {
        try {
            AllureSupport.attach(label + ": final screen", "image/png", "png", desktop.screenshot().toPng());
        } catch (io.vmservice.exception.VmServiceException e) {
            LOG.warn("could not take the final screen of sandbox {}: {}", desktop.sandboxId(), e.getMessage());
        }
    }

    static void capture(String label, Desktop desktop, Path dir) {
        try {
            Files.createDirectories(dir);
            Screenshot screen = desktop.screenshot();
            byte[] png = screen.toPng();
            Files.write(dir.resolve(label + "-screen.png"), png);
            AllureSupport.attach(label + ": final screen", "image/png", "png", png);

            byte[] logs = desktop.logs().getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(label + "-logs.txt"), logs);
            AllureSupport.attach(label + ": sandbox logs", "text/plain", "txt", logs);

            List<String> actions = desktop.recentActions();
            byte[] actionText = String.join("\n", actions).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(label + "-actions.txt"), actionText);
            AllureSupport.attach(label + ": recent actions", "text/plain", "txt", actionText);
        } catch (IOException | UncheckedIOException | io.vmservice.exception.VmServiceException e) {
            // A sandbox that is already gone has nothing left to show; the test's own failure stands.
            LOG.warn("could not capture failure artifacts of sandbox {}: {}", desktop.sandboxId(), e.getMessage());
        }
    }
}
