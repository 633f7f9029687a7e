package io.vmservice.provider.e2b;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the protocol server should get wrong next, set by fault tests: control-plane answers
 * from E2B's rate limiter or edge, control-plane answers lost on the way, and envd streams that
 * arrive in pieces, break, or fall silent.
 */
final class Faults {

    /** How the control plane loses its answer to a request. */
    enum LostAnswer {
        /** It acts on the request, then closes the connection before a byte of the answer. */
        CLOSE_AFTER_ACTING,
        /** It acts, sends the status line, the headers and half the body, then closes the connection. */
        CUT_HALFWAY,
        /** It acts and answers, but only after the fault's delay, by when the client may have given up. */
        LATE,
        /** It closes the connection without acting, as a server does with a connection it had dropped. */
        CLOSE_WITHOUT_ACTING
    }

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
        NO_END_OF_STREAM,
        /** The process starts, then the connection closes before a byte of the answer. */
        CLOSE_BEFORE_ANSWER
    }

    /** One canned control-plane answer for requests whose method and path match. */
    record CannedAnswer(String method, Pattern path, int status, Map<String, String> headers, String body) {
    }

    /** The next control-plane request whose method and path match loses its answer this way, after {@code delay}. */
    record LostAnswerFault(String method, Pattern path, LostAnswer how, Duration delay) {
    }

    /**
     * Thrown to the HTTP server from a handler, which then closes the connection: without an
     * answer if none was begun, else inside it.
     */
    static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("dropping the connection on purpose", null, false, false);
        }
    }

    private final Deque<CannedAnswer> controlPlane = new ArrayDeque<>();
    private final Deque<LostAnswerFault> lostAnswers = new ArrayDeque<>();
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
        return controlPlane.size() + lostAnswers.size();
    }

    /** The next control-plane request that matches loses its answer {@code how}. */
    synchronized void loseNextAnswer(String method, String pathRegex, LostAnswer how, Duration delay) {
        lostAnswers.add(new LostAnswerFault(method, Pattern.compile(pathRegex), how, delay));
    }

    synchronized LostAnswerFault takeLostAnswer(String method, String path) {
        for (var it = lostAnswers.iterator(); it.hasNext(); ) {
            LostAnswerFault fault = it.next();
            if (fault.method().equals(method) && fault.path().matcher(path).matches()) {
                it.remove();
                return fault;
            }
        }
        return null;
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
