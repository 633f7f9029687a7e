package io.vmservice.provider.input;

/**
 * One running input helper (see {@link InputHelper}) as a provider reaches it: bytes go to its
 * standard input, its standard output and error come back through an {@link Output}.
 */
public interface InputTransport {

    /** Writes bytes to the helper's standard input. */
    void send(byte[] bytes) throws NotDelivered;

    /** False once the helper has ended or its output has closed. */
    boolean isAlive();

    /** Ends the helper and releases what it held (process, pipes, connection); idempotent. */
    void close();

    /** Where a transport delivers the helper's output, in the order it was written. */
    interface Output {
        void stdout(byte[] bytes, int offset, int length);

        void stderr(byte[] bytes, int offset, int length);

        /** Called once, after the last output: the helper has ended or can no longer be heard. */
        void ended();
    }

    /** Starts a helper running its program's script (bash) whose output goes to {@code output}. */
    @FunctionalInterface
    interface Opener {
        InputTransport open(HelperProgram program, Output output);
    }

    /** The bytes certainly did not reach the helper: it had ended, or its input was closed. */
    final class NotDelivered extends Exception {
        public NotDelivered(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
