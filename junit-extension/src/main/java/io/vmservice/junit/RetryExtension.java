package io.vmservice.junit;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/** Provides the attempts of a {@link RetryOnFreshSandbox} test, one more only after a failure. */
class RetryExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RetryExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), RetryOnFreshSandbox.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        int max = AnnotationSupport.findAnnotation(context.getTestMethod(), RetryOnFreshSandbox.class)
                .map(RetryOnFreshSandbox::maxAttempts).orElse(1);
        if (max < 1) {
            throw new IllegalArgumentException("@RetryOnFreshSandbox(maxAttempts = " + max + ") needs at least 1 attempt");
        }
        Outcome outcome = context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), k -> new Outcome(),
                Outcome.class);
        // The stream is read lazily: attempt n+1 is only asked for once attempt n has finished.
        return Stream.iterate(1, n -> n + 1).limit(max).takeWhile(n -> n == 1 || !outcome.passed)
                .map(n -> new Attempt(n, max, outcome));
    }

    /** Whether an attempt of this test has passed yet. */
    private static final class Outcome {
        volatile boolean passed;
    }

    private record Attempt(int number, int max, Outcome outcome) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "attempt " + number + " of " + max;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            TestExecutionExceptionHandler retryLater = (context, failure) -> {
                if (number < max && !(failure instanceof TestAbortedException)) {
                    throw new TestAbortedException("attempt " + number + " of " + max + " failed, retrying on a fresh sandbox: "
                            + failure, failure);
                }
                throw failure;
            };
            AfterTestExecutionCallback recordPass = context -> {
                if (context.getExecutionException().isEmpty()) {
                    outcome.passed = true;
                }
            };
            return List.of(retryLater, recordPass);
        }
    }
}
