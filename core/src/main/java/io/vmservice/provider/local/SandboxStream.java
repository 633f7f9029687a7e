package io.vmservice.provider.local;

import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.VmServiceException;
import io.vmservice.sandbox.StreamInfo;
import java.util.Map;
import java.util.function.Supplier;

/** The one live view a sandbox may have at a time ({@link LocalStream}). */
final class SandboxStream {

    private LocalStream stream;

    /** @throws VmServiceException {@link ErrorCodes#STREAM_ALREADY_RUNNING} while another is running */
    synchronized StreamInfo start(String sandboxId, Supplier<LocalStream> starter) {
        if (stream != null && stream.isAlive()) {
            throw new VmServiceException(ErrorCodes.STREAM_ALREADY_RUNNING, "a stream of sandbox " + sandboxId
                    + " is already running; stop it first", Map.of("sandbox_id", sandboxId), null);
        }
        stream = starter.get();
        return stream.info();
    }

    synchronized void stop() {
        if (stream != null) {
            stream.stop();
            stream = null;
        }
    }

    /** Started and not stopped: a desktop that streamed is not reused. */
    synchronized boolean isStarted() {
        return stream != null;
    }
}
