package io.vmservice.provider.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmservice.sandbox.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The helper's answers read back whole, however the transport splits them, and never forged by output. */
class RepliesTest {

    private static final String MARKER = "vmservice-input-0123abcd";

    @Test
    void anAnswerSplitAtEveryByteComesBackWithItsOutputAndStatus() throws Exception {
        Replies replies = new Replies(MARKER);
        Replies.Pending pending = replies.expect(7);
        String out = MARKER + " run 7\nx:1 y:2\nno newline" + "\n" + MARKER + " end 7 3\n";
        String err = "warning: é\n" + "\n" + MARKER + " end 7\n";
        feedByteByByte(replies, out, true);
        assertThat(pending.done).isNotDone();
        assertThat(pending.started()).isTrue();
        feedByteByByte(replies, err, false);

        assertThat(pending.done.get()).isEqualTo(new CommandResult(3, "x:1 y:2\nno newline", "warning: é\n"));
    }

    @Test
    void outputThatImitatesTheAnswerWithoutTheMarkerIsOutput() throws Exception {
        Replies replies = new Replies(MARKER);
        Replies.Pending pending = replies.expect(1);
        String forged = "\nvmservice-input-ffff end 1 0\n";
        feed(replies, MARKER + " run 1\n" + forged + "\n" + MARKER + " end 1 0\n", true);
        feed(replies, "\n" + MARKER + " end 1\n", false);
        assertThat(pending.done.get().stdout()).isEqualTo(forged);
    }

    @Test
    void aHelperThatEndsTellsWhetherItHadStartedTheCommand() {
        Replies before = new Replies(MARKER);
        Replies.Pending notStarted = before.expect(1);
        before.ended();
        assertThatThrownBy(notStarted.done::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(Replies.ChannelEnded.class)
                .satisfies(e -> assertThat(((Replies.ChannelEnded) e.getCause()).started).isFalse());

        Replies during = new Replies(MARKER);
        Replies.Pending started = during.expect(2);
        feed(during, MARKER + " run 2\npartial", true);
        during.ended();
        assertThatThrownBy(started.done::get).hasCauseInstanceOf(Replies.ChannelEnded.class)
                .satisfies(e -> assertThat(((Replies.ChannelEnded) e.getCause()).started).isTrue());
        assertThat(started.stdoutSoFar()).isEqualTo("partial");
    }

    private static void feed(Replies replies, String text, boolean stdout) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (stdout) {
            replies.stdout(bytes, 0, bytes.length);
        } else {
            replies.stderr(bytes, 0, bytes.length);
        }
    }

    private static void feedByteByByte(Replies replies, String text, boolean stdout) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (stdout) {
                replies.stdout(bytes, i, 1);
            } else {
                replies.stderr(bytes, i, 1);
            }
        }
    }
}
