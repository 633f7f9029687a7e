package io.vmservice.samples.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README and every {@code <pre>{@code ...}} example of the main sources'
 * javadoc is a region of compiled code, marked {@code // example:begin} and {@code // example:end}
 * in a test or in {@link DocExamples}: an example that no longer compiles fails the build, and
 * one edited only where it is shown fails here.
 */
class DocExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)\\n[ \\t]*```(?=\\n|$)", Pattern.DOTALL);
    private static final Pattern JAVADOC_EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)\\n[ \\t]*```(?=\\n|$)", Pattern.DOTALL);
    private static final String BEGIN = "// example:begin";
    private static final String END = "// example:end";
    private static final String XML_BEGIN = "<!-- example:begin -->";
    private static final String XML_END = "<!-- example:end -->";

    @Test
    void everyJavaBlockOfTheReadmeIsCompiledCode() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
        while (matcher.find()) {
            blocks.add(normalized(matcher.group(1)));
        }
        Set<String> regions = regions();

        assertThat(blocks).as("Java blocks in the README").hasSizeGreaterThanOrEqualTo(10);
        assertThat(blocks).allSatisfy(block -> assertThat(regions)
                .as("a marked region of the sources equal to this README block:%n%s", block)
                .contains(block));
    }

    @Test
    void everyJavadocExampleIsCompiledCode() throws IOException {
        List<String> examples = new ArrayList<>();
        for (Path source : sources().filter(p -> p.toString().contains("/src/main/")).toList()) {
            Matcher matcher = JAVADOC_EXAMPLE.matcher(Files.readString(source));
            while (matcher.find()) {
                examples.add(normalized(matcher.group(1).lines()
                        .map(l -> l.replaceFirst("^\\s*\\* ?", "")).collect(Collectors.joining("\n"))));
            }
        }
        Set<String> regions = regions();

        assertThat(examples).as("javadoc examples").hasSizeGreaterThanOrEqualTo(9);
        assertThat(examples).allSatisfy(example -> assertThat(regions)
                .as("a marked region of the sources equal to this javadoc example:%n%s", example)
                .contains(example));
    }

    @Test
    void everyMavenSnippetOfTheReadmeIsInTheQuickstartsBuild() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = XML_BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
        while (matcher.find()) {
            blocks.add(normalized(matcher.group(1)));
        }
        Set<String> regions = regionsOf(ROOT.resolve("quickstart/pom.xml"), XML_BEGIN, XML_END).collect(Collectors.toSet());

        assertThat(blocks).as("Maven snippets in the README").isNotEmpty();
        assertThat(blocks).allSatisfy(block -> assertThat(regions)
                .as("a marked region of quickstart/pom.xml equal to this README block:%n%s", block)
                .contains(block));
    }

    private static Stream<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                    && !p.toString().contains("/target/")).toList().stream();
        }
    }

    /** The text between each pair of markers in every module's sources. */
    private static Set<String> regions() throws IOException {
        return sources().flatMap(source -> regionsOf(source, BEGIN, END)).collect(Collectors.toSet());
    }

    private static Stream<String> regionsOf(Path source, String begin, String end) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> regions = new ArrayList<>();
        StringBuilder region = null;
        for (String line : lines) {
            if (line.trim().equals(begin)) {
                region = new StringBuilder();
            } else if (line.trim().equals(end) && region != null) {
                regions.add(normalized(region.toString()));
                region = null;
            } else if (region != null) {
                region.append(line).append('\n');
            }
        }
        return regions.stream();
    }

    /** Without the indentation all lines share and without trailing blanks. */
    private static String normalized(String text) {
        List<String> lines = text.stripTrailing().lines().map(String::stripTrailing).toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
