package io.vmservice.samples.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.vmservice.desktop.Desktop;
import io.vmservice.junit.DesktopTest;
import io.vmservice.junit.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The GitHub Actions workflow, read as YAML, against what the scripts and tests really do: it
 * runs in Debian 12's container, runs scripts/test and scripts/demo, and uploads the paths they
 * write. An example that drifted from the scripts would fail here, not on a team's first run.
 */
class CiWorkflowTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode job = job(ROOT.resolve(".github/workflows/gui-tests.yml"));

    @Test
    void theJobRunsInDebian12sContainerPrivilegedWithJava17FromDebian() {
        assertThat(job.at("/container/image").asText()).isEqualTo("debian:bookworm");
        assertThat(job.at("/container/options").asText()).contains("--privileged");
        assertThat(runs()).anyMatch(run -> run.contains("apt-get install") && run.contains("openjdk-17-jdk-headless"));
        assertThat(uses()).as("Java and Node come from Debian, not from setup actions")
                .noneMatch(action -> action.startsWith("actions/setup-"));
    }

    @Test
    void theSuiteAndTheDemoRunThroughTheScriptsAfterTheCheckout() {
        List<String> steps = new ArrayList<>();
        job.get("steps").forEach(step -> steps.add(step.has("uses") ? step.get("uses").asText() : step.get("run").asText().strip()));

        assertThat(steps).containsSubsequence("actions/checkout@v4", "scripts/test", "scripts/demo");
        assertThat(step("scripts/demo").path("if").asText()).as("the demo's report also after a failed suite")
                .isEqualTo("always()");
        assertThat(ROOT.resolve("scripts/test")).isExecutable();
        assertThat(ROOT.resolve("scripts/demo")).isExecutable();
    }

    @Test
    void theUploadedReportIsWhereTheDemoWritesIt() throws IOException {
        Matcher report = Pattern.compile("(?m)^report=(\\S+)$").matcher(Files.readString(ROOT.resolve("scripts/demo")));
        assertThat(report.find()).as("report= in scripts/demo").isTrue();

        assertThat(upload("allure-report").at("/with/path").asText()).isEqualTo(report.group(1));
        assertThat(Files.readString(ROOT.resolve("scripts/demo"))).contains("generate \"$results\" -o \"$report\"");
    }

    @Test
    void theUploadedFailureArtifactsAreWhatAFailedDesktopTestWrites(@TempDir Path elsewhere) throws IOException {
        JsonNode upload = upload("failure-artifacts");
        assertThat(upload.path("if").asText()).isEqualTo("failure()");
        PathMatcher uploaded = FileSystems.getDefault().getPathMatcher("glob:" + upload.at("/with/path").asText());

        // Its steps and screens go to a report of their own, not into the suite's.
        AllureLifecycle suiteLifecycle = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(elsewhere)));
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailsOnPurpose.class)).execute()
                    .testEvents().assertStatistics(stats -> stats.failed(1));
        } finally {
            Allure.setLifecycle(suiteLifecycle);
        }

        Path written = Path.of("target", "vmservice", FailsOnPurpose.class.getSimpleName(), "failsOnItsDesktop");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(written)) {
            files = walk.filter(Files::isRegularFile).map(f -> ROOT.relativize(f.toAbsolutePath())).toList();
        }
        assertThat(files).as("artifacts of the failed test").isNotEmpty()
                .anyMatch(f -> f.getFileName().toString().endsWith(".png"))
                .allMatch(uploaded::matches);
    }

    @Test
    void theReadmesWorkflowForATeamsProjectInstallsEveryPackageTheScriptsDoInTheSameContainer() throws Exception {
        Matcher block = Pattern.compile("### CI for your project\n.*?```yaml\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(block.find()).as("a yaml block under \"CI for your project\" in the README").isTrue();
        JsonNode teams = YAML.readTree(block.group(1)).get("jobs").elements().next();

        assertThat(teams.at("/container/image").asText()).isEqualTo(job.at("/container/image").asText());
        assertThat(teams.at("/container/options").asText()).isEqualTo(job.at("/container/options").asText());
        List<String> installed = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        teams.get("steps").forEach(step -> runs.add(step.path("run").asText()));
        for (String run : runs) {
            // Continued lines joined, as the shell reads them.
            Matcher install = Pattern.compile("apt-get install -y --no-install-recommends ([^\\n]*)")
                    .matcher(run.replace("\\\n", " "));
            while (install.find()) {
                installed.addAll(List.of(install.group(1).trim().split("\\s+")));
            }
        }
        assertThat(installed).containsAll(scriptPackages()).contains("openjdk-17-jdk-headless", "maven");
        assertThat(runs).contains("mvn -B verify");
        JsonNode kept = stepUploading(teams, "failure-artifacts");
        assertThat(kept.at("/with/path").asText()).isEqualTo(upload("failure-artifacts").at("/with/path").asText());
        assertThat(kept.path("if").asText()).isEqualTo("failure()");
    }

    @Test
    void theReadmesMavenSnippetPinsThePluginsDebiansMavenWouldTakeTooOld() throws IOException {
        // The workflow above installs Debian 12's maven (3.8.7): left to its defaults it compiles
        // with maven-compiler-plugin 3.1, which ignores maven.compiler.release ("Source option 5 is
        // no longer supported"), and tests with surefire 2.12.4, which runs no JUnit 5 test.
        Matcher block = Pattern.compile("```xml\n(.*?)\n```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(block.find()).as("the Maven snippet of the README").isTrue();

        for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin")) {
            assertThat(block.group(1)).as("the README's Maven snippet pins " + plugin)
                    .containsPattern("<artifactId>" + plugin + "</artifactId>\\s*<version>3\\.\\d+\\.\\d+</version>");
        }
        assertThat(block.group(1)).contains("<maven.compiler.release>17</maven.compiler.release>")
                .containsPattern("<vmservice.version>[^$<]+</vmservice.version>");
    }

    /** The packages scripts/test installs, as bash reads its list. */
    private static List<String> scriptPackages() throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c",
                "source scripts/lib/system-packages.sh && printf '%s\\n' \"${VMSERVICE_PACKAGES[@]}\"")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(out).isZero();
        assertThat(out.lines()).hasSizeGreaterThan(10);
        return out.lines().toList();
    }

    /** Fails once its desktop is up, so that the extension writes what a failed test leaves. */
    @DesktopTest
    static class FailsOnPurpose {

        @Sandbox(template = "minimal")
        Desktop desktop;

        @Test
        void failsOnItsDesktop() {
            desktop.run("xsetroot -solid '#204060'");
            throw new AssertionError("fails on purpose: its artifacts are what CI uploads");
        }
    }

    private JsonNode step(String run) {
        for (JsonNode step : job.get("steps")) {
            if (run.equals(step.path("run").asText().strip())) {
                return step;
            }
        }
        throw new AssertionError("no step runs " + run);
    }

    private JsonNode upload(String name) {
        return stepUploading(job, name);
    }

    private static JsonNode stepUploading(JsonNode job, String name) {
        for (JsonNode step : job.get("steps")) {
            if (step.path("uses").asText().startsWith("actions/upload-artifact@")
                    && name.equals(step.at("/with/name").asText())) {
                return step;
            }
        }
        throw new AssertionError("no upload named " + name);
    }

    private List<String> runs() {
        List<String> runs = new ArrayList<>();
        job.get("steps").forEach(step -> runs.add(step.path("run").asText()));
        return runs;
    }

    private List<String> uses() {
        List<String> uses = new ArrayList<>();
        job.get("steps").forEach(step -> uses.add(step.path("uses").asText()));
        return uses;
    }

    private static JsonNode job(Path workflow) {
        try {
            JsonNode jobs = YAML.readTree(workflow.toFile()).get("jobs");
            assertThat(jobs.size()).as("jobs in " + workflow).isEqualTo(1);
            return jobs.elements().next();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + workflow, e);
        }
    }
}
