package io.vmservice.provider.e2b;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmservice.exception.ErrorCodes;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.VmServiceException;
import io.vmservice.provider.input.InputTransport;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input helper started once through envd with its standard input open: each request is one
 * {@code Process/SendInput} call, and the helper's answers arrive on the {@code Process/Start}
 * stream, which one thread reads for as long as the helper runs. Closing it kills the helper
 * through {@code SendSignal}, which ends the stream.
 */
final class EnvdInputTransport implements InputTransport {

    private static final Logger LOG = LoggerFactory.getLogger(EnvdInputTransport.class);
    private static final long STREAM_END_WAIT_MS = 2000;

    private final EnvdProcesses processes;
    private final EnvdProcesses.Attached helper;
    private final Thread reader;
    private volatile boolean ended;

    private EnvdInputTransport(EnvdProcesses processes, EnvdProcesses.Attached helper, String name, Output output) {
        this.processes = processes;
        this.helper = helper;
        this.reader = new Thread(() -> read(output), name);
        reader.setDaemon(true);
    }

    static EnvdInputTransport start(EnvdProcesses processes, String script, String cwd, String name, Output output) {
        EnvdInputTransport transport = new EnvdInputTransport(processes, processes.attach(script, cwd), name, output);
        transport.reader.start();
        return transport;
    }

    private void read(Output output) {
        try {
            for (JsonNode message = helper.events().next(); message != null; message = helper.events().next()) {
                ProcessEvent event = ProcessEvent.parse(message);
                if (event instanceof ProcessEvent.Data data) {
                    output.stdout(data.stdout(), 0, data.stdout().length);
                    output.stderr(data.stderr(), 0, data.stderr().length);
                } else if (event instanceof ProcessEvent.End end) {
                    LOG.debug("input helper {} ended: {}", helper.pid(), end.status());
                }
            }
        } catch (InterruptedIOException | RuntimeException e) {
            // A broken stream or an unreadable event: the helper can no longer be heard either way.
            LOG.debug("input helper {}'s stream ended: {}", helper.pid(), e.toString());
        } finally {
            ended = true;
            helper.events().close();
            output.ended();
        }
    }

    @Override
    public void send(byte[] bytes) throws NotDelivered {
        try {
            processes.sendInput(helper.pid(), bytes);
        } catch (VmServiceException e) {
            // envd's answers for a process that has ended or whose input is closed: nothing was written.
            if (e instanceof InvalidInputException || e.errorCode().equals(ErrorCodes.PROCESS_NOT_FOUND)
                    || e.errorCode().equals(ErrorCodes.ENVD_INTERNAL)) {
                throw new NotDelivered(e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public boolean isAlive() {
        return !ended;
    }

    @Override
    public void close() {
        if (!ended) {
            try {
                processes.signal(helper.pid(), "SIGNAL_SIGKILL");
            } catch (VmServiceException unreachable) {
                LOG.debug("cannot kill input helper {}: {}", helper.pid(), unreachable.getMessage());
            }
        }
        try {
            reader.join(STREAM_END_WAIT_MS);
            if (reader.isAlive()) {
                helper.events().close();
                reader.join(STREAM_END_WAIT_MS);
            }
        } catch (InterruptedException e) {
            helper.events().close();
            Thread.currentThread().interrupt();
        }
    }
}
