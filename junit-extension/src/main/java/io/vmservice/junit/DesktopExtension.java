package io.vmservice.junit;

import io.vmservice.SlotStats;
import io.vmservice.VmServiceClient;
import io.vmservice.desktop.Desktop;
import io.vmservice.exception.InvalidInputException;
import io.vmservice.exception.SlotTimeoutException;
import io.vmservice.provider.local.LocalProvider;
import io.vmservice.sandbox.SandboxConfig;
import io.vmservice.sandbox.SandboxInfo;
import io.vmservice.settings.VmServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link DesktopTest}. All state lives in JUnit's stores, never in fields,
 * so nested classes and parallel tests each see their own sandboxes:
 * <ul>
 *   <li>which sandbox a field or parameter means follows one rule, {@link SandboxDeclarations}'
 *       (documented on {@link Sandbox}); a wrongly typed or final field, or a parameter that could
 *       mean several sandboxes, fails with {@code ExtensionConfigurationException};</li>
 *   <li>the run's settings are resolved once ({@link TestConfiguration});</li>
 *   <li>one {@link VmServiceClient} for the whole run, in the root store, closed at the end;</li>
 *   <li>per-test sandboxes in the test's store, class-wide ones (static fields, {@code @BeforeAll}
 *       parameters) in the class's store; JUnit closes them when the scope ends, even after a
 *       failure or a timeout;</li>
 *   <li>each test's sandboxes are recorded while it runs (a test's own from their creation, the
 *       class's from the test's start), and the recordings finished right after the test body;</li>
 *   <li>failure artifacts are taken right after the test body, before any {@code @AfterEach}.</li>
 * </ul>
 */
public class DesktopExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(DesktopExtension.class);
    private static final String CLIENT = "client";
    private static final String CREATED = "created";

    static {
        AllureSupport.attachPublishedArtifacts();
    }

    /** Checks the class's declarations, then fills its static fields: sandboxes the class shares. */
    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        SandboxDeclarations.check(context);
        for (Field field : SandboxDeclarations.annotatedFields(context.getRequiredTestClass(), true)) {
            field.setAccessible(true);
            field.set(null, valueFor(field.getType(), SandboxDeclarations.of(field), context));
        }
    }

    /** Checks the test's declarations, then fills the instance fields: the test's own sandboxes. */
    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        SandboxDeclarations.check(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : SandboxDeclarations.annotatedFields(instance.getClass(), false)) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(instance, valueFor(field.getType(), SandboxDeclarations.of(field), context));
                }
            }
        }
    }

    /** A parameter of an injectable type, or any annotated one: a wrong type is then reported, not skipped. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SandboxDeclarations.injectable(parameter.getParameter().getType()) || parameter.isAnnotated(Sandbox.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == VmServiceClient.class) {
            return client(context);
        }
        SandboxDeclarations.Declaration declaration;
        if (parameter.isAnnotated(Sandbox.class)) {
            if (!SandboxDeclarations.injectable(type)) {
                throw SandboxDeclarations.wrongType(parameter.getParameter(), parameter.getIndex());
            }
            declaration = SandboxDeclarations.of(parameter.getParameter(), parameter.getIndex());
        } else {
            declaration = SandboxDeclarations.meantBy(parameter.getParameter(), parameter.getIndex(), context);
        }
        try {
            return valueFor(type, declaration, context);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide " + declaration.where() + " for parameter "
                    + parameter.getParameter().getName() + ": " + e.getMessage(), e);
        }
    }

    /** Each test gets a fresh sandbox even for constructor parameters. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /** The class's sandboxes are recorded and traced for this test from here on; the test's own already are. */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getParent().ifPresent(parent -> {
            TestConfiguration configuration = TestConfiguration.of(context);
            for (SandboxResource resource : created(parent)) {
                // Steps of the class's setup or of earlier tests are not this test's.
                resource.takeTrace();
                record(resource, context, configuration);
            }
        });
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        AllureSupport.flushPublishedArtifacts();
        boolean failed = context.getExecutionException().isPresent();
        TestConfiguration configuration = TestConfiguration.of(context);
        List<SandboxResource> involved = new ArrayList<>(created(context));
        context.getParent().ifPresent(parent -> involved.addAll(created(parent)));
        boolean keepVideo = configuration.video().keeps(failed);
        boolean keepTrace = configuration.trace().keeps(failed);
        Path dir = artifactsDir(context, configuration);
        for (SandboxResource resource : involved) {
            String label = resource.info().sandboxId();
            resource.stopRecording().ifPresent(video -> Videos.keepOrDrop(label, video, keepVideo));
            List<TracedStep> steps = resource.takeTrace();
            if (keepTrace) {
                Traces.write(label, steps, dir);
            }
        }
        if (!failed && !configuration.screenshotsAlways()) {
            return;
        }
        for (SandboxResource resource : involved) {
            if (failed) {
                FailureArtifacts.capture(resource.info().sandboxId(), resource.desktop(), dir);
            } else {
                FailureArtifacts.attachFinalScreen(resource.info().sandboxId(), resource.desktop());
            }
        }
    }

    private Object valueFor(Class<?> type, SandboxDeclarations.Declaration declaration, ExtensionContext context) {
        if (type == VmServiceClient.class) {
            return client(context);
        }
        SandboxResource resource = sandbox(declaration, context);
        return type == Desktop.class ? resource.desktop() : resource.info();
    }

    /** The sandbox of this declaration, made on first use in its scope's store: the class's or the test's. */
    private SandboxResource sandbox(SandboxDeclarations.Declaration declaration, ExtensionContext from) {
        ExtensionContext context = SandboxDeclarations.scopeOf(declaration, from);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // Keys carry the scope's id: stores see their parents' values, and a test must not pick up
        // its class's sandbox of the same declaration by accident.
        String key = "sandbox:" + context.getUniqueId() + ":" + declaration.id();
        Sandbox annotation = declaration.attributes();
        return store.getOrComputeIfAbsent(key, k -> {
            TestConfiguration configuration = TestConfiguration.of(context);
            VmServiceClient client = client(context);
            SandboxConfig config;
            try {
                config = configuration.sandboxConfig(annotation);
            } catch (InvalidInputException e) {
                throw new ExtensionConfigurationException("@Sandbox of " + declaration.where() + " asks for a sandbox"
                        + " that cannot be made: " + e.getMessage() + "; correct the attribute", e);
            }
            SandboxInfo info = create(client, configuration, config);
            StepTrace trace = configuration.trace().records()
                    ? new StepTrace(AllureSupport.steps(), () -> client.screenshotImage(info.sandboxId())) : null;
            Desktop desktop = Desktop.of(client, info.sandboxId(), configuration.desktopSettings(),
                    trace == null ? AllureSupport.steps() : trace, artifactsDir(context, configuration));
            SandboxResource resource = new SandboxResource(client, info, desktop, trace);
            synchronized (DesktopExtension.class) {
                created(context).add(resource);
            }
            if (context.getTestMethod().isPresent()) {
                record(resource, context, configuration);
            }
            return resource;
        }, SandboxResource.class);
    }

    /** Waits for a slot when the run's limit is reached; a wait that runs out names the settings to change. */
    private static SandboxInfo create(VmServiceClient client, TestConfiguration configuration, SandboxConfig config) {
        try {
            return client.createSandbox(configuration.user(), config);
        } catch (SlotTimeoutException e) {
            VmServiceSettings settings = configuration.settings();
            throw new SlotTimeoutException(e.getMessage() + " In this @DesktopTest run vmservice.max-sandboxes is "
                    + settings.text(VmServiceSettings.MAX_SANDBOXES) + " and vmservice.slot-timeout "
                    + settings.text(VmServiceSettings.SLOT_TIMEOUT) + "; raise either, and mind that a"
                    + " class-shared (static) sandbox holds its slot until its whole class has run.",
                    e.currentUsage(), e.limit(), e.waited(), e);
        }
    }

    private static void record(SandboxResource resource, ExtensionContext test, TestConfiguration configuration) {
        if (configuration.video().records()) {
            Path file = artifactsDir(test, configuration).resolve(resource.info().sandboxId() + "-video." + VideoEncoder.EXTENSION);
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the artifacts folder " + file.getParent(), e);
            }
            resource.startRecording(file, configuration.videoSettings());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<SandboxResource> created(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(CREATED + ":" + context.getUniqueId(),
                k -> new ArrayList<SandboxResource>(), List.class);
    }

    private static VmServiceClient client(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(CLIENT, k -> {
            TestConfiguration configuration = TestConfiguration.of(root);
            VmServiceClient.Builder builder = VmServiceClient.builder().maxConcurrentSandboxes(configuration.maxSandboxes())
                    .slotTimeout(configuration.slotTimeout()).steps(AllureSupport.steps());
            if (!configuration.provider().equals("local")) {
                return new ClientResource(builder.providerName(configuration.provider()).build(), null);
            }
            LocalProvider local = LocalProvider.builder().warmPool(configuration.localPoolSize())
                    .reuse(configuration.localReuse()).build();
            return new ClientResource(builder.provider(local).build(), local);
        }, ClientResource.class).client();
    }

    private static Path artifactsDir(ExtensionContext context, TestConfiguration configuration) {
        Path base = configuration.artifactsDir();
        String className = context.getTestClass().map(Class::getSimpleName).orElse("run");
        Optional<String> method = context.getTestMethod().map(m -> {
            String display = context.getDisplayName();
            String name = m.getName();
            return display.startsWith(name + "(") || display.equals(name) ? name : name + "-" + display;
        });
        return base.resolve(safe(className)).resolve(safe(method.orElse("class")));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /**
     * The run-wide client, closed (with any sandbox it still holds) when the run ends, and the
     * local provider built for it, if any, which a client does not close.
     */
    private record ClientResource(VmServiceClient client, LocalProvider local)
            implements AutoCloseable {
        @Override
        public void close() {
            SlotStats slots = client.slotStats();
            if (slots.waits() > 0 || slots.providerRefusals() > 0) {
                LOG.info("sandbox slots: {} creates waited, the longest {} ms, {} ms in all; the provider refused {};"
                        + " limit at the end: {}", slots.waits(), slots.longestWait().toMillis(),
                        slots.totalWait().toMillis(), slots.providerRefusals(), slots.limit());
            }
            client.close();
            if (local != null) {
                local.close();
            }
        }
    }
}
