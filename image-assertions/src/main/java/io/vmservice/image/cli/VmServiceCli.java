package io.vmservice.image.cli;

import io.vmservice.exception.InvalidInputException;
import io.vmservice.image.text.OcrUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vmservice diff A B}, {@code vmservice find SCREEN TEMPLATE}, {@code find SCREEN --text WORDS},
 * {@code vmservice ocr SCREEN} and {@code vmservice crop SCREEN X Y W H OUT} for people outside Java.
 * Each prints one JSON line. Exit code 0 when the command ran (whatever it found), 2 on bad
 * input, with the reason on stderr. {@code vmservice doctor} checks what the local provider needs
 * on this machine and exits 0 when it can run, 1 otherwise. {@code vmservice tree -- APP [ARGS]}
 * prints the accessibility tree of an application's window on a local desktop it boots and
 * destroys.
 */
@Command(name = "vmservice", mixinStandardHelpOptions = true, version = "vmservice 0.1.0",
        description = "Compare screenshots, find images or words on them, read their text, cut templates out of"
                + " them, check this machine for the local provider, and print an application's accessibility tree.",
        subcommands = {DiffCommand.class, FindCommand.class, OcrCommand.class, CropCommand.class, DoctorCommand.class,
                TreeCommand.class})
public final class VmServiceCli implements Runnable {

    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line, writing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new VmServiceCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InvalidInputException || e instanceof OcrUnavailableException) {
                line.getErr().println("vmservice " + line.getCommandName() + ": " + e.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: diff, find, ocr, crop, doctor or tree");
    }
}
