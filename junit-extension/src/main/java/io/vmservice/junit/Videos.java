package io.vmservice.junit;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a finished recording in the artifacts and the report, or deletes it. */
final class Videos {

    private static final Logger LOG = LoggerFactory.getLogger(Videos.class);

    private Videos() {
    }

    static void keepOrDrop(String label, ScreenRecorder.Result video, boolean keep) {
        try {
            if (!keep) {
                Files.deleteIfExists(video.file());
                deleteIfEmpty(video.file().getParent());
                return;
            }
            LOG.info("video of sandbox {}: {} ({} frames, {} dropped, {} KB)", label, video.file(), video.frames(),
                    video.dropped(), Files.size(video.file()) / 1024);
            AllureSupport.attach(label + ": video", VideoEncoder.MIME_TYPE, VideoEncoder.EXTENSION,
                    Files.readAllBytes(video.file()));
        } catch (IOException e) {
            LOG.warn("video of sandbox {} at {}: {}", label, video.file(), e.getMessage());
        }
    }

    /** The test's artifacts folder was made for the video; a passing test leaves none behind. */
    private static void deleteIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException kept) {
            // Other artifacts live there.
        }
    }
}
