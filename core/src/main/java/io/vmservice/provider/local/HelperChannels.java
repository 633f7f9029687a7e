package io.vmservice.provider.local;

import io.vmservice.provider.DesktopCommand;
import io.vmservice.provider.input.HelperProgram;
import io.vmservice.provider.input.InputChannel;
import io.vmservice.provider.input.InputTransport;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The helper programs of one sandbox that this JVM talks to through pipes: the input helper and
 * the accessibility server, each started on its first command.
 */
final class HelperChannels {

    private final String name;
    private final Function<List<String>, Process> attach;
    private final InputChannel input;
    private final InputChannel accessibility;

    /**
     * @param id the sandbox's id now, for error messages
     * @param attach starts a process inside attached by pipes
     * @param ensureAlive throws when the sandbox is gone
     */
    HelperChannels(String name, Supplier<String> id, Function<List<String>, Process> attach, Runnable ensureAlive) {
        this.name = name;
        this.attach = attach;
        this.input = new InputChannel(HelperProgram.INPUT, id, this::open, ensureAlive);
        this.accessibility = new InputChannel(HelperProgram.ACCESSIBILITY, id, this::open, ensureAlive);
    }

    /** The channel that carries this command, or null when it is run as a process of its own. */
    InputChannel carrying(DesktopCommand command) {
        return InputChannel.carrying(command, input, accessibility);
    }

    InputChannel input() {
        return input;
    }

    InputChannel accessibility() {
        return accessibility;
    }

    /** Ends both helpers; the next command starts a new one. */
    void close() {
        input.close();
        accessibility.close();
    }

    /** How a helper starts in a local sandbox: its script run by bash without profile or rc, named by {@code $0}. */
    static List<String> argv(HelperProgram program) {
        return List.of("/bin/bash", "--noprofile", "--norc", "-c", program.script(), program.name());
    }

    private InputTransport open(HelperProgram program, InputTransport.Output output) {
        return LocalInputTransport.start(attach.apply(argv(program)), program.name() + "-" + name, output);
    }
}
