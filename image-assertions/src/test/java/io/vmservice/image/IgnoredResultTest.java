package io.vmservice.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent no-ops: a configuring call whose result is dropped, such as
 * {@code assertThat(desktop).eventually();}, checks nothing, so Error Prone's CheckReturnValue
 * rejects it as this build (and a user's with Error Prone) does. Snippets are compiled with the
 * real compiler and Error Prone on this module's test class path; a control snippet that uses
 * every result must compile, so a failure to set the compiler up cannot pass for a rejection.
 */
class IgnoredResultTest {

    /** Each line drops the result of one configuring call; each must be an error. */
    private static final List<String> NO_OPS = List.of(
            "assertThat(desktop).eventually();",
            "assertThat(desktop).within(java.time.Duration.ofSeconds(1));",
            "assertThat(desktop);",
            "assertThat(screen).ignoring(area);",
            "assertThat(screen).withDiffOptions(DiffOptions.defaults());",
            "assertThat(screen).usingBaselines(Baselines.fromSystemProperties());",
            "icon.similarity(0.8);",
            "Text.of(\"Saved\").inRegion(area);",
            "Accessible.role(\"check box\").checked();",
            "desktop.find(icon);",
            "desktop.find(icon).offset(4, 0);",
            "desktop.with(desktop.settings());",
            "desktop.settings().withActionTimeout(java.time.Duration.ofSeconds(1));",
            "desktop.find(icon).exists();");

    @TempDir
    Path out;

    @Test
    void droppingTheResultOfAConfiguringCallFailsTheBuild() {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(snippet(NO_OPS));

        List<Long> lines = errors.stream().map(Diagnostic::getLineNumber).distinct().toList();
        assertThat(lines).as("errors: %s", errors).containsExactlyElementsOf(
                IntStream.range(0, NO_OPS.size()).mapToObj(i -> (long) FIRST_LINE + i).toList());
        assertThat(errors).allSatisfy(error -> assertThat(error.getMessage(Locale.ROOT)).contains("[CheckReturnValue]"));
    }

    @Test
    void usingEveryResultCompiles() {
        assertThat(compile(snippet(List.of(
                "assertThat(desktop).eventually().showsText(\"Saved\").doesNotShow(icon);",
                "assertThat(screen).ignoring(area).matchesBaseline(\"editor\");",
                "assertThat(screen).shows(icon);",
                "desktop.find(icon.similarity(0.8)).offset(4, 0).click();",
                "desktop.find(Accessible.role(\"check box\").checked()).click();")))).isEmpty();
    }

    @Test
    void theImageAssertionsAndAssertJsImportTogether() {
        String source = """
                package snippet;

                import static io.vmservice.image.ImageAssertions.assertThat;
                import static io.vmservice.image.ImageAssertions.assertThatImage;
                import static org.assertj.core.api.Assertions.assertThat;

                import io.vmservice.desktop.Desktop;
                import io.vmservice.screen.Screenshot;
                import io.vmservice.desktop.Window;
                import io.vmservice.image.Template;
                import java.awt.image.BufferedImage;
                import java.nio.file.Path;

                class Snippet {
                    void check(Desktop desktop, Window window, Screenshot screen, BufferedImage image, Path png, Template icon) {
                        assertThat(png).exists();
                        assertThatImage(png).shows(icon);
                        assertThat(screen).shows(icon);
                        assertThat(image).shows(icon);
                        assertThat(window).shows(icon);
                        assertThat(desktop).shows(icon);
                        assertThat("text").startsWith("t");
                    }
                }
                """;
        assertThat(compile(source)).isEmpty();
    }

    private static final int FIRST_LINE = 16;

    /** A class whose method body starts at {@link #FIRST_LINE} with the given statements, one a line. */
    private static String snippet(List<String> statements) {
        return """
                package snippet;

                import static io.vmservice.image.ImageAssertions.assertThat;

                import io.vmservice.desktop.Accessible;
                import io.vmservice.desktop.Desktop;
                import io.vmservice.screen.Region;
                import io.vmservice.screen.Screenshot;
                import io.vmservice.image.Baselines;
                import io.vmservice.image.DiffOptions;
                import io.vmservice.image.Template;
                import io.vmservice.image.text.Text;

                class Snippet {
                    void check(Desktop desktop, Screenshot screen, Template icon, Region area) {
                """ + String.join("\n", statements) + "\n    }\n}\n";
    }

    /** The errors of compiling {@code source} with Error Prone's CheckReturnValue as an error. */
    private List<Diagnostic<? extends JavaFileObject>> compile(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classPath,
                "-processorpath", classPath, "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW",
                "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:CheckReturnValue:ERROR"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///snippet/Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Boolean compiled = javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        assertThat(compiled).as("compiled, errors %s", errors).isEqualTo(errors.isEmpty());
        return errors;
    }
}
