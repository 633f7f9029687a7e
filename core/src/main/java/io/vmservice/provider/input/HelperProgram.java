package io.vmservice.provider.input;

import io.vmservice.provider.DesktopCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A long-lived helper an {@link InputChannel} keeps running in a sandbox: the bash script that
 * starts it, the name it runs under ({@code $0}, and the prefix of its markers and threads), and
 * the programs whose commands it answers. Each helper speaks {@link InputHelper}'s protocol.
 *
 * @param name what the helper is called in process lists and logs
 * @param script bash that becomes the helper, reading requests on its standard input
 * @param programs the first arguments of the commands it carries
 */
public record HelperProgram(String name, String script, Set<String> programs) {

    /** The input helper: xdotool and xrandr. */
    public static final HelperProgram INPUT = new HelperProgram("vmservice-input", InputHelper.SCRIPT, InputHelper.PROGRAMS);

    /** The accessibility server: AT-SPI queries (see {@link AccessibilityHelper}). */
    public static final HelperProgram ACCESSIBILITY = new HelperProgram(AccessibilityHelper.PROGRAM_NAME,
            AccessibilityHelper.script(), Set.of(AccessibilityHelper.PROGRAM_NAME));

    public HelperProgram {
        programs = Set.copyOf(programs);
    }

    /** True for a command this helper answers: one of its programs, no argument with a NUL. */
    public boolean carries(DesktopCommand command) {
        return programs.contains(command.argv().get(0))
                && command.argv().stream().allMatch(arg -> arg.indexOf('\0') < 0);
    }

    /** A helper's program text as the jar ships it, beside this class. */
    static String bundled(String name) {
        try (InputStream in = HelperProgram.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the vmservice-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
