package io.vmservice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turns on desktop sandboxes for a test class: parameters of type {@code Desktop},
 * {@code SandboxInfo} and {@code VmServiceClient} are injected, fields annotated {@link Sandbox}
 * are filled, and every sandbox is destroyed when its scope ends, whatever happened. Which
 * sandbox each field or parameter means follows the one rule written on {@link Sandbox}.
 *
 * <pre>{@code
 * @DesktopTest
 * class EditorTest {
 *     @Test
 *     void savesANote(Desktop desktop) {   // a fresh sandbox for this test
 *         desktop.launch("mousepad").waitForWindow("Mousepad");
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DesktopExtension.class)
public @interface DesktopTest {
}
