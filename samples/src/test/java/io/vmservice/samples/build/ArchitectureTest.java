package io.vmservice.samples.build;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of the public API, checked on the compiled classes of every module: packages do not
 * depend on each other in a circle, no public signature outside an {@code internal} package
 * mentions a type from one, and the samples use only what a user may use.
 */
class ArchitectureTest {

    private static final String INTERNAL = "..internal..";

    /** The library's own classes, main code only: the tests' classes and the core's test jar are left out. */
    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("io.vmservice");

    /** The samples, main and test code: written as a user writes them. */
    private static final JavaClasses SAMPLES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.vmservice.samples");

    /**
     * The provider types a user names to choose and configure a provider, and the protocol server
     * the core's tests ship to run E2B's API locally. The rest of {@code io.vmservice.provider}
     * is the providers' own side (the sandboxes they hand the client, their transports).
     */
    private static final Set<String> PROVIDER_ENTRY_POINTS = Set.of(
            "io.vmservice.provider.SandboxProvider",
            "io.vmservice.provider.local.LocalProvider",
            "io.vmservice.provider.e2b.E2bProvider",
            "io.vmservice.provider.e2b.E2bSettings",
            "io.vmservice.provider.e2b.E2bProtocolServer");

    /** One slice per package of the SDK: a cycle between any two packages is reported. */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            return type.getPackageName().startsWith("io.vmservice")
                    ? SliceIdentifier.of(type.getPackageName()) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of io.vmservice";
        }
    };

    @Test
    void packagesDoNotDependOnEachOtherInACircle() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles()
                .check(LIBRARY);
    }

    @Test
    void theClientDoesNotNeedTheDesktopDsl() {
        noClasses().that().resideInAPackage("io.vmservice")
                .should().dependOnClassesThat().resideInAPackage("io.vmservice.desktop..")
                .because("Desktop is built on the client; the values both use are in io.vmservice.screen")
                .check(LIBRARY);
        noClasses().that().resideInAPackage("io.vmservice.screen")
                .should().dependOnClassesThat().resideInAnyPackage("io.vmservice", "io.vmservice.desktop..",
                        "io.vmservice.provider..", "io.vmservice.internal..")
                .because("the screen's values are the vocabulary below the client and the DSL")
                .check(LIBRARY);
    }

    @Test
    void noPublicSignatureOutsideInternalPackagesMentionsAnInternalType() {
        classes().that().resideOutsideOfPackage(INTERNAL)
                .should(new ArchCondition<JavaClass>("expose no type of an internal package") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (String leak : internalTypesExposedBy(type)) {
                            events.add(SimpleConditionEvent.violated(type, leak));
                        }
                    }
                })
                .check(LIBRARY);
    }

    @Test
    void samplesUseOnlyThePublicApi() {
        noClasses().that().resideInAPackage("io.vmservice.samples..")
                .should().dependOnClassesThat(resideInAPackage(INTERNAL)
                        .or(resideInAPackage("io.vmservice.provider..").and(DescribedPredicate.not(topLevelNamed(PROVIDER_ENTRY_POINTS)))))
                .because("samples read like a user's tests: Desktop, the client, and a provider's builder at most")
                .check(SAMPLES);
    }

    @Test
    void theChecksSeeTheLibraryAndTheSamples() {
        // An import that silently finds nothing would pass every rule above.
        assertThat(LIBRARY.contain("io.vmservice.internal.desktop.DesktopCommands")
                && LIBRARY.contain("io.vmservice.junit.DesktopExtension")
                && LIBRARY.contain("io.vmservice.image.ImageAssert")).isTrue();
        assertThat(SAMPLES.contain("io.vmservice.samples.examples.DocExamples")
                && SAMPLES.contain("io.vmservice.samples.demo.Demo")).isTrue();
        // Internal types may mention each other; this one would be reported outside an internal package.
        assertThat(internalTypesExposedBy(LIBRARY.get("io.vmservice.internal.Artifacts")))
                .anyMatch(leak -> leak.contains("addListener") && leak.endsWith("Artifacts$Listener"));
    }

    private static DescribedPredicate<JavaClass> topLevelNamed(Set<String> names) {
        return DescribedPredicate.describe("one of " + names, type -> names.contains(type.getName().split("\\$")[0]));
    }

    /** What a user of {@code type} sees of internal packages: in its supertypes or in a visible member's signature. */
    private static List<String> internalTypesExposedBy(JavaClass type) {
        List<String> leaks = new ArrayList<>();
        if (!visible(type)) {
            return leaks;
        }
        type.getRawSuperclass().filter(ArchitectureTest::internal)
                .ifPresent(s -> leaks.add(type.getName() + " extends " + s.getName()));
        type.getRawInterfaces().stream().filter(ArchitectureTest::internal)
                .forEach(i -> leaks.add(type.getName() + " implements " + i.getName()));
        for (JavaField field : type.getFields()) {
            if (visible(field) && internal(field.getRawType())) {
                leaks.add(field.getFullName() + " is a " + field.getRawType().getName());
            }
        }
        for (JavaCodeUnit code : type.getCodeUnits()) {
            if (!visible(code)) {
                continue;
            }
            if (internal(code.getRawReturnType())) {
                leaks.add(code.getFullName() + " returns " + code.getRawReturnType().getName());
            }
            code.getRawParameterTypes().stream().filter(ArchitectureTest::internal)
                    .forEach(p -> leaks.add(code.getFullName() + " takes " + p.getName()));
        }
        return leaks;
    }

    /** Public, or protected in a class a user can extend, all the way out to the top-level class. */
    private static boolean visible(JavaClass type) {
        Set<JavaModifier> modifiers = type.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && type.getEnclosingClass().map(ArchitectureTest::visible).orElse(true);
    }

    private static boolean visible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return !modifiers.contains(JavaModifier.SYNTHETIC)
                && (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED));
    }

    private static boolean internal(JavaClass type) {
        return type.getPackageName().startsWith("io.vmservice") && type.getPackageName().contains(".internal");
    }
}
