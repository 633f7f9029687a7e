package io.vmservice.provider.input;

import io.vmservice.exception.CommandTimeoutException;
import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.input.Replies.ChannelEnded;
import io.vmservice.provider.input.Replies.Pending;
import io.vmservice.sandbox.CommandResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox's channel to a long-lived helper in the sandbox (see {@link InputHelper}; which
 * helper is its {@link HelperProgram}: the input helper, or the accessibility server) that runs
 * each command as it arrives and answers with its status and output, so an action costs the
 * command itself, not a process start through the provider.
 *
 * <p>The helper starts on the first command. Commands run one at a time, in the order the
 * callers arrived. Each answer is the command's own {@link CommandResult}, as {@code exec} gives
 * it. A helper that has ended (killed, its sandbox restored) is replaced once within the call,
 * and the command is sent again only when the old helper never started it; a command that was
 * started and not answered is reported as killed (exit 137), as a killed process is.
 */
public final class InputChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputChannel.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KILLED = 128 + 9;

    private final HelperProgram program;
    private final Supplier<String> sandboxId;
    private final InputTransport.Opener opener;
    private final Runnable ensureAlive;
    /** Fair, so callers waiting on several threads get the channel in the order they asked. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Helper helper;
    private long nextSeq;
    private int opened;

    /**
     * @param ensureAlive throws the provider's error for a sandbox that is gone
     */
    public InputChannel(HelperProgram program, Supplier<String> sandboxId, InputTransport.Opener opener,
                        Runnable ensureAlive) {
        this.program = program;
        this.sandboxId = sandboxId;
        this.opener = opener;
        this.ensureAlive = ensureAlive;
    }

    /** True for the commands an input channel runs: xdotool and xrandr. */
    public static boolean carries(DesktopCommand command) {
        return HelperProgram.INPUT.carries(command);
    }

    /** The first of {@code channels} whose helper carries {@code command}; null when none does. */
    public static InputChannel carrying(DesktopCommand command, InputChannel... channels) {
        for (InputChannel channel : channels) {
            if (channel.program.carries(command)) {
                return channel;
            }
        }
        return null;
    }

    /** The helper this channel keeps running. */
    public HelperProgram program() {
        return program;
    }

    /**
     * Runs one command through the channel and waits for its answer.
     *
     * @throws CommandTimeoutException when no answer came within the timeout; the helper is then
     *     ended, as a timed-out process is killed, and the next command starts another
     * @throws IllegalArgumentException for a command the channel does not carry
     */
    public CommandResult run(DesktopCommand command, Duration timeout) {
        if (!program.carries(command)) {
            throw new IllegalArgumentException("the channel to " + program.name() + " runs " + program.programs()
                    + ", not " + command.argv().get(0));
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException(command.commandLine(), timeout, "", "interrupted");
        }
        try {
            for (int attempt = 1; ; attempt++) {
                Helper current = helper();
                try {
                    return current.call(nextSeq++, command, timeout);
                } catch (ChannelEnded ended) {
                    discard(current);
                    ensureAlive.run();
                    if (ended.started || attempt == 2) {
                        String why = "the channel to " + program.name() + (ended.started ? " ended while the command ran"
                                : " ended twice before the command started");
                        return new CommandResult(KILLED, current.stdoutSoFar(), current.stderrSoFar() + "\n" + why);
                    }
                    LOG.debug("{} of sandbox {} ended; sending {} again through a new one", program.name(),
                            sandboxId.get(), command.argv().get(1));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many helpers this channel has started; one while nothing went wrong. */
    public int helpersStarted() {
        lock.lock();
        try {
            return opened;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the helper; a later command starts a new one while the sandbox lives. A command
     * waiting for its answer meanwhile gets it as from a helper that ended.
     */
    @Override
    public void close() {
        Helper current = helper;
        if (current != null) {
            current.transport.close();
        }
    }

    private Helper helper() {
        if (helper != null && helper.transport.isAlive()) {
            return helper;
        }
        if (helper != null) {
            discard(helper);
        }
        ensureAlive.run();
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        // Unguessable inside the sandbox, so no window title or program output can fake an answer.
        String marker = program.name() + "-" + HexFormat.of().formatHex(secret);
        Replies replies = new Replies(marker);
        InputTransport transport = opener.open(program, replies);
        helper = new Helper(transport, replies, marker);
        opened++;
        LOG.debug("{} of sandbox {} started", program.name(), sandboxId.get());
        return helper;
    }

    private void discard(Helper old) {
        old.transport.close();
        if (helper == old) {
            helper = null;
        }
    }

    /** A started helper, the replies read from it, and the marker it was given. */
    private final class Helper {
        final InputTransport transport;
        final Replies replies;
        final String marker;
        boolean introduced;
        Pending last;

        Helper(InputTransport transport, Replies replies, String marker) {
            this.transport = transport;
            this.replies = replies;
            this.marker = marker;
        }

        CommandResult call(long seq, DesktopCommand command, Duration timeout) {
            Pending pending = replies.expect(seq);
            last = pending;
            try {
                if (!introduced) {
                    transport.send((marker + "\n").getBytes(StandardCharsets.US_ASCII));
                    introduced = true;
                }
                transport.send(InputHelper.request(seq, command));
            } catch (InputTransport.NotDelivered gone) {
                throw new ChannelEnded(false);
            } catch (RuntimeException unknown) {
                // The provider could not tell whether the bytes arrived: the helper is ended, never reused.
                discard(this);
                throw unknown;
            }
            try {
                return pending.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ChannelEnded ended) {
                    throw ended;
                }
                discard(this);
                throw new IllegalStateException("cannot read the answer of the input channel", e.getCause());
            } catch (TimeoutException e) {
                discard(this);
                throw new CommandTimeoutException(command.commandLine(), timeout, pending.stdoutSoFar(), pending.stderrSoFar());
            } catch (InterruptedException e) {
                discard(this);
                Thread.currentThread().interrupt();
                throw new CommandTimeoutException(command.commandLine(), timeout, pending.stdoutSoFar(), "interrupted");
            }
        }

        String stdoutSoFar() {
            return last == null ? "" : last.stdoutSoFar();
        }

        String stderrSoFar() {
            return last == null ? "" : last.stderrSoFar();
        }
    }
}
