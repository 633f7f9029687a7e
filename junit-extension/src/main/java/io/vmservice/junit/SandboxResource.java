package io.vmservice.junit;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.sandbox.SandboxInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox in a JUnit store: JUnit (5.13 and later) closes it, and so destroys the sandbox, when
 * its scope ends. A recording of its screen, if one runs, is finished before the sandbox goes.
 */
final class SandboxResource implements AutoCloseable {

    private final VmServiceClient client;
    private final SandboxInfo info;
    private final Desktop desktop;
    private final StepTrace trace;
    private ScreenRecorder recording;

    /** {@code trace} is the desktop's step reporter when steps are traced, else null. */
    SandboxResource(VmServiceClient client, SandboxInfo info, Desktop desktop, StepTrace trace) {
        this.client = client;
        this.info = info;
        this.desktop = desktop;
        this.trace = trace;
    }

    SandboxInfo info() {
        return info;
    }

    Desktop desktop() {
        return desktop;
    }

    /** The steps traced since the last call; none when steps are not traced. */
    List<TracedStep> takeTrace() {
        return trace == null ? List.of() : trace.takeSteps();
    }

    /** Records the screen into {@code file} until {@link #stopRecording()}; does nothing while one runs. */
    synchronized void startRecording(Path file, VideoSettings settings) {
        if (recording == null) {
            recording = ScreenRecorder.start(info.sandboxId(), desktop::screenshot, file, settings);
        }
    }

    /** The finished recording, if one ran and recorded anything. */
    synchronized Optional<ScreenRecorder.Result> stopRecording() {
        if (recording == null) {
            return Optional.empty();
        }
        Optional<ScreenRecorder.Result> result = recording.stop();
        recording = null;
        return result;
    }

    @Override
    public void close() {
        try {
            stopRecording();
        } finally {
            client.destroySandbox(info.sandboxId());
        }
    }
}
