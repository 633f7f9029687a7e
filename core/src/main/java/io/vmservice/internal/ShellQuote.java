package io.vmservice.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting, as E2B's SDKs do it: a word made only of safe characters stays bare,
 * anything else is single-quoted with each {@code '} written as {@code '"'"'}. The quoted word
 * reaches the program literally, whatever it contains ({@code $()}, backticks, newlines).
 *
 * <p>Not part of the API: the package {@code io.vmservice.internal} may change in any release.
 */
public final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[\\w@%+=:,./-]+");

    private ShellQuote() {
    }

    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
