package io.vmservice.provider.input;

import io.vmservice.provider.DesktopCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The program at the sandbox end of an input channel, which reads one command at a time, runs it
 * and answers: the {@link XTestAgent} where the sandbox's python3 can run it, else a bash loop that
 * runs each command as a program. Its first input line is a marker chosen by this JVM; a request is
 * {@code "SEQ ARGC\0"} followed by ARGC arguments, each ended by NUL, so no argument is ever
 * parsed by a shell. Before it runs request SEQ it prints {@code "MARKER run SEQ\n"}; after it,
 * {@code "\nMARKER end SEQ STATUS\n"} on standard output and {@code "\nMARKER end SEQ\n"} on
 * standard error, so what the command printed on either stream is everything in between.
 */
final class InputHelper {

    /** The programs the helper runs; anything else is answered with status 126. */
    static final Set<String> PROGRAMS = Set.of("xdotool", "xrandr");

    /** The bash loop: each command runs as a program, its arguments never parsed by a shell. */
    static final String BASH_LOOP = String.join("\n",
            "IFS= read -r marker || exit 0",
            "while IFS=' ' read -r -d '' seq count; do",
            "  argv=()",
            "  for ((i = 0; i < count; i++)); do IFS= read -r -d '' arg || exit 0; argv+=(\"$arg\"); done",
            "  printf '%s run %s\\n' \"$marker\" \"$seq\"",
            "  case ${argv[0]} in",
            "    xdotool|xrandr) \"${argv[@]}\" </dev/null; status=$? ;;",
            "    *) printf 'not an input program: %s\\n' \"${argv[0]}\" >&2; status=126 ;;",
            "  esac",
            "  printf '\\n%s end %s\\n' \"$marker\" \"$seq\" >&2",
            "  printf '\\n%s end %s %s\\n' \"$marker\" \"$seq\" \"$status\"",
            "done",
            "");

    /** What an input channel starts in its sandbox: bash, which becomes the agent where it can. */
    static final String SCRIPT = XTestAgent.startOr(BASH_LOOP);

    private InputHelper() {
    }

    static byte[] request(long seq, DesktopCommand command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((seq + " " + command.argv().size() + "\0").getBytes(StandardCharsets.US_ASCII));
        for (String arg : command.argv()) {
            bytes.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return bytes.toByteArray();
    }
}
