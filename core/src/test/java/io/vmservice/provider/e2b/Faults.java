package io.vmservice.provider.e2b;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the protocol server should get wrong next, set by fault tests: control-plane answers
 * from E2B's rate limiter or edge, and envd streams that arrive in pieces, break, or fall silent.
 */
final class Faults {

    /** How the next process stream reaches the client. */
    enum StreamMode {
        /** Each envelope in one network chunk. */
        WHOLE,
        /** Every byte in its own chunk, so headers and payloads straddle reads. */
        BYTE_BY_BYTE,
        /** The chunked body ends cleanly in the middle of the second envelope. */
        CUT_INSIDE_ENVELOPE,
        /** The connection drops before the body's declared length, inside an envelope. */
        DROP_CONNECTION,
        /** All events, then the body ends without the end-of-stream envelope. */
        NO_END_OF_STREAM
    }

    /** One canned control-plane answer for requests whose method and path match. */
    record CannedAnswer(String method, Pattern path, int status, Map<String, String> headers, String body) {
    }

    private final Deque<CannedAnswer> controlPlane = new ArrayDeque<>();
    private StreamMode nextStream = StreamMode.WHOLE;
    private volatile boolean keepalives = true;

    /** The next {@code times} matching control-plane requests get this answer instead of the real one. */
    synchronized void answerNext(int times, String method, String pathRegex, int status, Map<String, String> headers,
                                 String body) {
        for (int i = 0; i < times; i++) {
            controlPlane.add(new CannedAnswer(method, Pattern.compile(pathRegex), status, headers, body));
        }
    }

    synchronized CannedAnswer takeControlPlane(String method, String path) {
        for (var it = controlPlane.iterator(); it.hasNext(); ) {
            CannedAnswer answer = it.next();
            if (answer.method().equals(method) && answer.path().matcher(path).matches()) {
                it.remove();
                return answer;
            }
        }
        return null;
    }

    synchronized int pendingControlPlane() {
        return controlPlane.size();
    }

    /** The next process stream (only the next) arrives this way. */
    synchronized void nextStream(StreamMode mode) {
        nextStream = mode;
    }

    synchronized StreamMode takeStreamMode() {
        StreamMode mode = nextStream;
        nextStream = StreamMode.WHOLE;
        return mode;
    }

    void keepalives(boolean send) {
        keepalives = send;
    }

    boolean keepalives() {
        return keepalives;
    }
}
