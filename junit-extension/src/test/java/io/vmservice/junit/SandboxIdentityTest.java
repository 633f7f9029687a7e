package io.vmservice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.vmservice.desktop.Desktop;
import io.vmservice.sandbox.SandboxInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension's one rule for which sandbox a field or parameter means (see {@link Sandbox}),
 * case by case, through JUnit's own engine on real local sandboxes. The cases are test classes of
 * their own, not run directly by the build.
 */
class SandboxIdentityTest {

    /** Sandbox ids each case saw, by what saw them. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    private static Events run(Class<?> testClass) {
        return run(testClass, "vmservice.template", "minimal");
    }

    private static Events run(Class<?> testClass, String key, String value) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter("vmservice.template", "minimal")
                .configurationParameter(key, value).execute().testEvents();
    }

    private static void assertConfigurationError(Events events, String testName, String... phrases) {
        events.assertStatistics(stats -> stats.failed(1).succeeded(0));
        events.assertThatEvents().haveExactly(1, event(test(testName), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> List.of(phrases).stream().allMatch(m::contains)))));
        assertThat(SEEN).as("nothing ran, no sandbox was made").isEmpty();
    }

    @Test
    void aFieldAloneIsTheTestsSandbox() {
        run(FieldOnly.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(SEEN).containsOnlyKeys("field");
    }

    @Test
    void anAnnotatedParameterAloneIsTheTestsSandbox() {
        run(ParameterOnly.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(SEEN).containsOnlyKeys("parameter");
        assertThat(SEEN.get("parameter")).isNotBlank();
    }

    @Test
    void anUnannotatedParameterMeansTheOneDeclaredSandbox() {
        run(FieldAndUnannotatedParameter.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(SEEN.get("parameter")).as("the same sandbox as the field's").isEqualTo(SEEN.get("field"));
    }

    @Test
    void twoAnnotatedFieldsAreTwoSandboxesEvenWithEqualAttributes() {
        run(TwoFields.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(SEEN.get("first")).isNotEqualTo(SEEN.get("second"));
    }

    @Test
    void aNameSaysWhichOfSeveralSandboxesAParameterMeans() {
        run(NamedFieldsAndParameter.class).assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(SEEN.get("viewer parameter")).isEqualTo(SEEN.get("viewer")).isNotEqualTo(SEEN.get("editor"));
    }

    @Test
    void anUnannotatedParameterBesideTwoDeclarationsIsAConfigurationError() {
        assertConfigurationError(run(TwoFieldsAndUnannotatedParameter.class), "checks",
                "parameter 1 (SandboxInfo", "field TwoFieldsAndUnannotatedParameter.first",
                "field TwoFieldsAndUnannotatedParameter.second", "@Sandbox(name = ");
    }

    @Test
    void aFieldOfAnotherTypeIsAConfigurationError() {
        assertConfigurationError(run(WrongType.class), "checks", "field WrongType.name", "java.lang.String",
                "Desktop, SandboxInfo or VmServiceClient", "change its type");
    }

    @Test
    void aFinalFieldIsAConfigurationError() {
        assertConfigurationError(run(FinalField.class), "checks", "field FinalField.desktop", "is final",
                "remove final");
    }

    @Test
    void anUnannotatedParameterMeansTheClassesSandboxWhenThatIsTheOneDeclared() {
        run(StaticFieldAndUnannotatedParameters.class).assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(SEEN).containsOnlyKeys("field", "one", "two");
        assertThat(SEEN.values()).as("one sandbox for the class").containsOnly(SEEN.get("field"));
    }

    @Test
    void oneNameMadeTwoWaysIsAConfigurationError() {
        assertConfigurationError(run(OneNameTwoShapes.class), "checks", "@Sandbox(name = \"editor\")",
                "field OneNameTwoShapes.editor", "parameter 1 (Desktop", "give its attributes once");
    }

    @Test
    void aSettingThatIsNotValidIsAConfigurationError() {
        assertConfigurationError(run(FieldOnly.class, "vmservice.video", "sometimes"), "checks",
                "vmservice.video = \"sometimes\" (configuration parameter vmservice.video)", "off, on-failure or always");
    }

    @DesktopTest
    static class FieldOnly {
        @Sandbox
        Desktop desktop;

        @Test
        void checks() {
            SEEN.put("field", desktop.sandboxId());
        }
    }

    @DesktopTest
    static class ParameterOnly {
        @Test
        void checks(@Sandbox Desktop desktop) {
            SEEN.put("parameter", desktop.sandboxId());
        }
    }

    @DesktopTest
    static class FieldAndUnannotatedParameter {
        @Sandbox
        Desktop desktop;

        @Test
        void checks(SandboxInfo info) {
            SEEN.put("field", desktop.sandboxId());
            SEEN.put("parameter", info.sandboxId());
        }
    }

    @DesktopTest
    static class TwoFields {
        @Sandbox
        Desktop first;

        @Sandbox
        Desktop second;

        @Test
        void checks() {
            SEEN.put("first", first.sandboxId());
            SEEN.put("second", second.sandboxId());
        }
    }

    @DesktopTest
    static class NamedFieldsAndParameter {
        @Sandbox(name = "editor")
        Desktop editor;

        @Sandbox(name = "viewer")
        Desktop viewer;

        @Test
        void checks(@Sandbox(name = "viewer") SandboxInfo info) {
            SEEN.put("editor", editor.sandboxId());
            SEEN.put("viewer", viewer.sandboxId());
            SEEN.put("viewer parameter", info.sandboxId());
        }
    }

    @DesktopTest
    static class StaticFieldAndUnannotatedParameters {
        @Sandbox
        static SandboxInfo shared;

        @Test
        void one(Desktop desktop) {
            SEEN.put("field", shared.sandboxId());
            SEEN.put("one", desktop.sandboxId());
        }

        @Test
        void two(SandboxInfo info) {
            SEEN.put("two", info.sandboxId());
        }
    }

    @DesktopTest
    static class OneNameTwoShapes {
        @Sandbox(name = "editor", resolution = "800x600")
        Desktop editor;

        @Test
        void checks(@Sandbox(name = "editor", resolution = "640x480") Desktop desktop) {
            SEEN.put("ran", desktop.sandboxId());
        }
    }

    @DesktopTest
    static class TwoFieldsAndUnannotatedParameter {
        @Sandbox
        Desktop first;

        @Sandbox
        Desktop second;

        @Test
        void checks(SandboxInfo info) {
            SEEN.put("ran", info.sandboxId());
        }
    }

    @DesktopTest
    static class WrongType {
        @Sandbox
        String name;

        @Test
        void checks() {
            SEEN.put("ran", String.valueOf(name));
        }
    }

    @DesktopTest
    static class FinalField {
        @Sandbox
        final Desktop desktop = null;

        @Test
        void checks() {
            SEEN.put("ran", String.valueOf(desktop));
        }
    }
}
