package io.vmservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmservice.SandboxOperations;
import io.vmservice.TenantClient;
import io.vmservice.VmServiceClient;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Every operation a tenant can call with a sandbox id, called by one user with another user's
 * sandbox, answers exactly as it does for an id that does not exist: the other sandbox is
 * neither reached nor revealed. The operations are found by reflection, so one added later is
 * probed too.
 */
class TenantIsolationTest {

    private static final String UNKNOWN_ID = "no-such-sandbox-000000";

    @Test
    void everySandboxOperationTreatsAnotherUsersSandboxAsUnknown() {
        try (VmServiceClient client = VmServiceClient.builder().build()) {
            TenantClient alice = client.forUser("alice");
            TenantClient bob = client.forUser("bob");
            SandboxInfo bobs = bob.createSandbox(SandboxConfig.builder().template("minimal").build());
            bob.writeFile(bobs.sandboxId(), "/home/user/bob.txt", "bob's");

            List<String> probed = new ArrayList<>();
            for (Method operation : sandboxOperations()) {
                Object[] arguments = arguments(operation);
                String onBobs = outcome(operation, alice, bobs.sandboxId(), arguments).replace(bobs.sandboxId(), "<id>");
                String onUnknown = outcome(operation, alice, UNKNOWN_ID, arguments).replace(UNKNOWN_ID, "<id>");
                assertThat(onBobs).as("%s on bob's sandbox, against an unknown id", signature(operation)).isEqualTo(onUnknown);
                probed.add(operation.getName());
            }
            System.out.println("operations probed: " + probed.size() + " " + probed);
            assertThat(probed).hasSizeGreaterThan(20).contains("runCommand", "readFile", "writeFile", "startStream",
                    "screenshot", "typeText", "destroySandbox");

            assertThat(bob.runCommand(bobs.sandboxId(), "echo alive", Duration.ofSeconds(10)).stdout())
                    .as("bob's sandbox after every probe").isEqualTo("alive\n");
            assertThat(bob.readFile(bobs.sandboxId(), "/home/user/bob.txt")).isEqualTo("bob's");
            assertThat(alice.listSandboxes()).isEmpty();
        }
    }

    private static List<Method> sandboxOperations() {
        List<Method> operations = new ArrayList<>();
        for (Method m : TenantClient.class.getMethods()) {
            Class<?>[] types = m.getParameterTypes();
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && types.length > 0
                    && types[0] == String.class && m.getParameters()[0].getName().equals("sandboxId")) {
                operations.add(m);
            }
        }
        operations.sort((a, b) -> signature(a).compareTo(signature(b)));
        return operations;
    }

    /** The result's or the exception's class and message, for comparing two calls. */
    private static String outcome(Method operation, SandboxOperations caller, String sandboxId, Object[] rest) {
        Object[] arguments = new Object[rest.length + 1];
        arguments[0] = sandboxId;
        System.arraycopy(rest, 0, arguments, 1, rest.length);
        try {
            return "returned " + Objects.toString(operation.invoke(caller, arguments));
        } catch (InvocationTargetException e) {
            return "threw " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Harmless, valid values for everything after the sandbox id. */
    private static Object[] arguments(Method operation) {
        Class<?>[] types = operation.getParameterTypes();
        Object[] values = new Object[types.length - 1];
        for (int i = 1; i < types.length; i++) {
            values[i - 1] = valueOf(types[i]);
        }
        return values;
    }

    private static Object valueOf(Class<?> type) {
        if (type == String.class) {
            return "/tmp/probe.txt";
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == byte[].class) {
            return new byte[] {1};
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(5);
        }
        if (type == List.class) {
            return List.of("a");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        try {
            return type.getMethod("defaults").invoke(null);
        } catch (ReflectiveOperationException noDefaults) {
            try {
                Object builder = type.getMethod("builder").invoke(null);
                return builder.getClass().getMethod("build").invoke(builder);
            } catch (ReflectiveOperationException noBuilder) {
                return null;
            }
        }
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList();
    }
}
