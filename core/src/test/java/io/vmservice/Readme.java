package io.vmservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The repository's README.md, read by tests that keep its tables and the code in step. */
public final class Readme {

    private Readme() {
    }

    /**
     * The rows of the table whose header row is {@code header}, each a list of its cells,
     * trimmed; the separator row left out.
     */
    public static List<List<String>> table(String header) {
        List<String> lines = lines();
        int start = lines.indexOf(header);
        if (start < 0) {
            throw new AssertionError("README.md has no table with the header " + header);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            rows.add(cells(line));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    private static List<String> lines() {
        // Surefire runs in the module's folder; the README is the repository's, one up.
        Path readme = Files.exists(Path.of("..", "README.md")) ? Path.of("..", "README.md") : Path.of("README.md");
        try {
            return Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme.toAbsolutePath(), e);
        }
    }
}
