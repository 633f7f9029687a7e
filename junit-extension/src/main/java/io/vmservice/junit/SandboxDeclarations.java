package io.vmservice.junit;

import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.sandbox.SandboxInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Which sandbox a field or parameter means. The rule, as {@link Sandbox} documents it:
 * <ul>
 *   <li>every field or parameter annotated {@code @Sandbox} declares a sandbox of its own, except
 *       that declarations with the same {@link Sandbox#name()} are one sandbox;</li>
 *   <li>a {@code static} field's sandbox, and one declared by a {@code @BeforeAll} or
 *       {@code @AfterAll} parameter, is its class's; any other is the test's, fresh for each test;</li>
 *   <li>a {@code Desktop} or {@code SandboxInfo} parameter without {@code @Sandbox} means the one
 *       sandbox the test declares; when it declares none, a default sandbox that every such
 *       parameter of the test shares; when it declares several, the test fails with
 *       {@link ExtensionConfigurationException} naming them.</li>
 * </ul>
 * The sandboxes a test declares are those of the fields of its class (and of the classes enclosing
 * a {@code @Nested} one) and of the annotated parameters of its constructor, its lifecycle
 * methods and the test method; for {@code @BeforeAll} and {@code @AfterAll} methods, those of the
 * static fields and of the {@code @BeforeAll} and {@code @AfterAll} methods' parameters.
 */
final class SandboxDeclarations {

    private static final String TYPES = "Desktop, SandboxInfo or VmServiceClient";

    private SandboxDeclarations() {
    }

    /**
     * One sandbox asked for.
     *
     * @param id             what tells it apart in its scope: its name, or its field or parameter
     * @param where          the declarations, for messages
     * @param attributes     how it is made; null for the default sandbox
     * @param classWide      whether its class shares it rather than each test having its own
     * @param declaringClass the class whose scope holds a class-wide sandbox
     */
    record Declaration(String id, String where, Sandbox attributes, boolean classWide, Class<?> declaringClass) {
    }

    /** The sandbox an annotated field declares. */
    static Declaration of(Field field) {
        Sandbox sandbox = field.getAnnotation(Sandbox.class);
        boolean classWide = Modifier.isStatic(field.getModifiers());
        String id = sandbox.name().isEmpty() ? "field:" + field.getDeclaringClass().getName() + "." + field.getName()
                : "name:" + sandbox.name();
        return new Declaration(id, describe(field), sandbox, classWide, field.getDeclaringClass());
    }

    /** The sandbox an annotated parameter declares. */
    static Declaration of(Parameter parameter, int index) {
        Sandbox sandbox = parameter.getAnnotation(Sandbox.class);
        Executable executable = parameter.getDeclaringExecutable();
        String id = sandbox.name().isEmpty() ? "parameter:" + executable.toGenericString() + "#" + index
                : "name:" + sandbox.name();
        return new Declaration(id, describe(parameter, index), sandbox, isClassLevel(executable),
                executable.getDeclaringClass());
    }

    /** The default sandbox of a scope: the one unannotated parameters mean when nothing is declared. */
    static Declaration byDefault(ExtensionContext context) {
        return new Declaration("default", "the default sandbox", null, context.getTestMethod().isEmpty(),
                context.getRequiredTestClass());
    }

    /**
     * What an unannotated {@code Desktop} or {@code SandboxInfo} parameter means: the one sandbox
     * declared for this scope, or the default one.
     *
     * @throws ExtensionConfigurationException when several are declared
     */
    static Declaration meantBy(Parameter parameter, int index, ExtensionContext context) {
        List<Declaration> declared = declaredFor(context);
        if (declared.size() > 1) {
            throw ambiguous(describe(parameter, index), declared);
        }
        return declared.isEmpty() ? byDefault(context) : declared.get(0);
    }

    /** The context whose store holds a declaration's sandbox: the class's for a class-wide one, else the test's. */
    static ExtensionContext scopeOf(Declaration declaration, ExtensionContext context) {
        if (!declaration.classWide()) {
            return context;
        }
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext candidate = c.get();
            if (candidate.getTestMethod().isEmpty() && candidate.getTestClass()
                    .filter(declaration.declaringClass()::isAssignableFrom).isPresent()) {
                return candidate;
            }
        }
        return context;
    }

    /**
     * Checks what the extension fills or injects in this scope before any of it is made: every
     * {@code @Sandbox} field (type, not final), every annotated parameter (type), names used with
     * different attributes, and unannotated parameters that could mean several sandboxes.
     */
    static void check(ExtensionContext context) {
        boolean classLevel = context.getTestMethod().isEmpty();
        for (Class<?> type : classChain(context)) {
            for (Field field : annotatedFields(type, classLevel)) {
                check(field);
            }
        }
        List<Declaration> declared = declaredFor(context);
        for (Executable executable : executables(context)) {
            Parameter[] parameters = executable.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                Parameter parameter = parameters[i];
                Class<?> type = parameter.getType();
                if (parameter.isAnnotationPresent(Sandbox.class) && !injectable(type)) {
                    throw wrongType(parameter, i);
                }
                // A class-level method's parameters mean the class's sandboxes, checked in the class's scope.
                boolean inScope = classLevel || !isClassLevel(executable);
                if (inScope && !parameter.isAnnotationPresent(Sandbox.class) && declaresSandbox(type) && declared.size() > 1) {
                    throw ambiguous(describe(parameter, i), declared);
                }
            }
        }
    }

    static ExtensionConfigurationException wrongType(Parameter parameter, int index) {
        return new ExtensionConfigurationException("@Sandbox " + describe(parameter, index) + " has type "
                + parameter.getType().getName() + "; a @Sandbox parameter must be a " + TYPES + ": change its type");
    }

    /** A field the extension can fill: of an injectable type and not final. */
    static void check(Field field) {
        if (!injectable(field.getType())) {
            throw new ExtensionConfigurationException("@Sandbox " + describe(field) + " has type "
                    + field.getType().getName() + "; a @Sandbox field must be a " + TYPES + ": change its type");
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("@Sandbox " + describe(field) + " is final, so the extension"
                    + " cannot fill it: remove final (a static field is shared by the class, an instance field"
                    + " is fresh for each test)");
        }
    }

    static boolean injectable(Class<?> type) {
        return declaresSandbox(type) || type == VmServiceClient.class;
    }

    static boolean declaresSandbox(Class<?> type) {
        return type == Desktop.class || type == SandboxInfo.class;
    }

    /** The annotated fields of a class and its superclasses: the static ones only, or all. */
    static List<Field> annotatedFields(Class<?> type, boolean staticOnly) {
        return AnnotationSupport.findAnnotatedFields(type, Sandbox.class,
                f -> !staticOnly || Modifier.isStatic(f.getModifiers()), HierarchyTraversalMode.TOP_DOWN);
    }

    /** The distinct sandboxes declared for this scope, in declaration order; same-named declarations merged. */
    static List<Declaration> declaredFor(ExtensionContext context) {
        boolean classLevel = context.getTestMethod().isEmpty();
        Map<String, Declaration> declared = new LinkedHashMap<>();
        for (Class<?> type : classChain(context)) {
            for (Field field : annotatedFields(type, classLevel)) {
                if (declaresSandbox(field.getType())) {
                    merge(declared, of(field));
                }
            }
        }
        for (Executable executable : executables(context)) {
            Parameter[] parameters = executable.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].isAnnotationPresent(Sandbox.class) && declaresSandbox(parameters[i].getType())) {
                    merge(declared, of(parameters[i], i));
                }
            }
        }
        return List.copyOf(declared.values());
    }

    private static void merge(Map<String, Declaration> declared, Declaration next) {
        Declaration earlier = declared.get(next.id());
        if (earlier == null) {
            declared.put(next.id(), next);
            return;
        }
        if (!next.id().startsWith("name:")) {
            return;
        }
        Sandbox attributes = earlier.attributes();
        if (!bare(next.attributes())) {
            if (!bare(attributes) && !shape(attributes).equals(shape(next.attributes()))) {
                throw new ExtensionConfigurationException("@Sandbox(name = \"" + next.attributes().name()
                        + "\") is one sandbox, but " + earlier.where() + " and " + next.where() + " make it differently;"
                        + " give its attributes once and write the other declarations as @Sandbox(name = \""
                        + next.attributes().name() + "\")");
            }
            attributes = next.attributes();
        }
        Class<?> owner = earlier.classWide() || !next.classWide() ? earlier.declaringClass() : next.declaringClass();
        declared.put(next.id(), new Declaration(next.id(), earlier.where() + " and " + next.where(), attributes,
                earlier.classWide() || next.classWide(), owner));
    }

    /** Whether an annotation says nothing but a name. */
    private static boolean bare(Sandbox sandbox) {
        return shape(sandbox).equals("||DEFAULT|0|0|0");
    }

    private static String shape(Sandbox a) {
        return String.join("|", a.template(), a.resolution(), a.internet().name(), Integer.toString(a.timeoutSeconds()),
                Integer.toString(a.cpuCount()), Integer.toString(a.memoryMb()));
    }

    private static ExtensionConfigurationException ambiguous(String what, List<Declaration> declared) {
        return new ExtensionConfigurationException(what + " has no @Sandbox, so it means the test's one sandbox, but"
                + " the test declares " + declared.size() + ": " + declared.stream().map(Declaration::where)
                .collect(Collectors.joining("; ")) + ". Say which: give that declaration a name, @Sandbox(name = \"main\"),"
                + " and annotate the parameter with the same @Sandbox(name = \"main\"); or annotate it @Sandbox for a"
                + " sandbox of its own");
    }

    /** The test class, and the classes enclosing it when it is a {@code @Nested} (inner) class, outermost first. */
    private static List<Class<?>> classChain(ExtensionContext context) {
        List<Class<?>> chain = new ArrayList<>();
        Class<?> type = context.getRequiredTestClass();
        while (type != null) {
            chain.add(0, type);
            type = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()) ? type.getEnclosingClass() : null;
        }
        return chain;
    }

    /** The constructors and methods whose parameters JUnit resolves in this scope. */
    private static List<Executable> executables(ExtensionContext context) {
        boolean classLevel = context.getTestMethod().isEmpty();
        List<Executable> executables = new ArrayList<>();
        for (Class<?> type : classChain(context)) {
            if (!classLevel) {
                executables.addAll(List.of(type.getDeclaredConstructors()));
            }
            executables.addAll(lifecycleMethods(type, BeforeAll.class));
            executables.addAll(lifecycleMethods(type, AfterAll.class));
            if (!classLevel) {
                executables.addAll(lifecycleMethods(type, BeforeEach.class));
                executables.addAll(lifecycleMethods(type, AfterEach.class));
            }
        }
        context.getTestMethod().ifPresent(executables::add);
        return executables;
    }

    private static List<Method> lifecycleMethods(Class<?> type, Class<? extends Annotation> annotation) {
        return AnnotationSupport.findAnnotatedMethods(type, annotation, HierarchyTraversalMode.TOP_DOWN);
    }

    private static boolean isClassLevel(Executable executable) {
        return executable.isAnnotationPresent(BeforeAll.class) || executable.isAnnotationPresent(AfterAll.class);
    }

    private static String describe(Field field) {
        return "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    private static String describe(Parameter parameter, int index) {
        Executable executable = parameter.getDeclaringExecutable();
        String owner = executable.getDeclaringClass().getSimpleName();
        String method = executable instanceof Method ? owner + "." + executable.getName() : owner + "'s constructor";
        return "parameter " + (index + 1) + " (" + parameter.getType().getSimpleName() + " " + parameter.getName()
                + ") of " + method;
    }
}
