package io.vmservice.image.cli;

import io.vmservice.doctor.DoctorReport;
import io.vmservice.image.NativeLibraries;
import io.vmservice.provider.local.LocalDoctor;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doctor}: what the local provider needs on this machine, one line each, with the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check that this machine can run the local provider's desktops: one line per need,"
                + " ✓ or ✗ with the fix (! for what works with less). Exit 0 when it can run, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {

    static final int CANNOT_RUN = 1;

    private final Supplier<LocalDoctor.Builder> doctor;

    @Spec
    private CommandSpec spec;

    @Option(names = "--desktops", paramLabel = "N", defaultValue = "1",
            description = "how many desktops at once the free memory must hold (default ${DEFAULT-VALUE})")
    private int desktops;

    DoctorCommand() {
        this(LocalDoctor::builder);
    }

    /** @param doctor the local provider's checks, before the number of desktops is set */
    DoctorCommand(Supplier<LocalDoctor.Builder> doctor) {
        this.doctor = doctor;
    }

    @Override
    public Integer call() {
        DoctorReport report = doctor.get().desktops(desktops).build().run().with(List.of(NativeLibraries.opencv()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.text());
        if (report.canRun()) {
            out.println("The local provider can run here.");
            return 0;
        }
        out.println("The local provider cannot run here: " + report.failures().size() + " of the checks above failed (✗).");
        return CANNOT_RUN;
    }
}
