package io.vmservice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a sandbox, on a field or a parameter of type {@code Desktop} or {@code SandboxInfo}, and
 * says how it is made. Unset attributes take the run's settings (environment variable, system
 * property, {@code junit-platform.properties}, default: see {@code VmServiceSettings}).
 *
 * <p>Which sandbox a field or parameter means follows one rule:
 * <ul>
 *   <li><b>One sandbox per declaration.</b> Every field or parameter annotated {@code @Sandbox} is
 *       a sandbox of its own, even when two have the same attributes. Declarations with the same
 *       {@link #name()} are one sandbox (give its attributes on one of them, or the same on all).</li>
 *   <li><b>Its scope.</b> A {@code static} field's sandbox, and one declared by a
 *       {@code @BeforeAll} or {@code @AfterAll} parameter, is shared by the whole class; an
 *       instance field's, or any other parameter's, is fresh for every test.</li>
 *   <li><b>Unannotated parameters.</b> A {@code Desktop} or {@code SandboxInfo} parameter without
 *       {@code @Sandbox} means the test's one sandbox: the one declared by the test's fields and
 *       annotated parameters (of its class, and the classes enclosing a {@code @Nested} one: fields,
 *       constructor, lifecycle methods, the test method) when there is exactly one; a default
 *       sandbox, shared by every unannotated parameter of the test, when there is none; and an
 *       error when there are several, naming them: name the one meant, with
 *       {@code @Sandbox(name = "...")} on the declaration and on the parameter.</li>
 *   <li>A {@code VmServiceClient} parameter, or a {@code @Sandbox VmServiceClient} field, is the
 *       run's client; it declares no sandbox.</li>
 * </ul>
 * A field of another type, a {@code final} field, or an unannotated parameter that could mean
 * several sandboxes fails the class or test with JUnit's {@code ExtensionConfigurationException},
 * which names the field or parameter and the fix.
 *
 * <pre>{@code
 * @Sandbox Desktop desktop;                        // the test's sandbox
 *
 * @Test
 * void saves(SandboxInfo info) {                   // the same sandbox: info.sandboxId() == desktop.sandboxId()
 *     desktop.type("saved");
 * }
 * }</pre>
 *
 * <pre>{@code
 * @Sandbox(name = "editor") Desktop editor;       // two sandboxes...
 * @Sandbox(name = "viewer") Desktop viewer;
 *
 * @Test
 * void shares(@Sandbox(name = "viewer") SandboxInfo info) {   // ...and which one is meant
 *     viewer.type(info.sandboxId());
 * }
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Sandbox {

    /** Template: {@code desktop} (xfce4) or {@code minimal} (openbox). */
    String template() default "";

    /** Screen size as WIDTHxHEIGHT, e.g. {@code 1280x800}. */
    String resolution() default "";

    Internet internet() default Internet.DEFAULT;

    /** Sandbox lifetime in seconds; 0 takes the configured one. */
    int timeoutSeconds() default 0;

    /** CPUs (1-8); 0 takes the configured number. */
    int cpuCount() default 0;

    /** Memory in MB (512-8192); 0 takes the configured amount. */
    int memoryMb() default 0;

    /** Makes every declaration with this name one sandbox, and lets a parameter say which sandbox it means. */
    String name() default "";

    /** Whether the sandbox can reach the network. */
    enum Internet {
        /** As configured ({@code vmservice.internet}, on by default). */
        DEFAULT,
        ON,
        OFF
    }
}
