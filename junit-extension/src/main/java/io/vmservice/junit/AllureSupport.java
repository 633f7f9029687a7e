package io.vmservice.junit;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.StepResult;
import io.vmservice.StepReporter;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Allure, when the suite has it: DSL actions become steps and failure artifacts attachments.
 * Only touched after {@link #present()} said yes, so the extension runs without Allure too.
 */
final class AllureSupport {

    private static final boolean PRESENT = detect();

    private AllureSupport() {
    }

    static boolean present() {
        return PRESENT;
    }

    static StepReporter steps() {
        return present() ? AllureSteps.INSTANCE : StepReporter.NONE;
    }

    /** Attaches every published failure artifact (baseline triplets, last screens) to the running test. */
    static void attachPublishedArtifacts() {
        if (present()) {
            io.vmservice.internal.Artifacts.addListener(AllureArtifacts.INSTANCE);
        }
    }

    /** Attaches what image checks published but did not join into a screen diff. */
    static void flushPublishedArtifacts() {
        if (present()) {
            ScreenDiffAttachments.flush();
        }
    }

    static void attach(String name, String type, String extension, byte[] content) {
        if (present()) {
            Allure.addAttachment(name, type, new ByteArrayInputStream(content), extension);
        }
    }

    /** The report's step running on this thread, to attach to once the test's outcome is known; null without Allure. */
    static Object currentStep() {
        if (!present()) {
            return null;
        }
        AtomicReference<StepResult> step = new AtomicReference<>();
        Allure.getLifecycle().updateStep(step::set);
        return step.get();
    }

    /** Attaches to a step that has already ended: its test case is written later, with it. */
    static void attachToStep(Object step, String name, String type, String extension, byte[] content) {
        if (present() && step instanceof StepResult result) {
            String source = UUID.randomUUID() + "-attachment." + extension;
            Allure.getLifecycle().writeAttachment(source, new ByteArrayInputStream(content));
            result.getAttachments().add(new Attachment().setName(name).setType(type).setSource(source));
        }
    }

    private static boolean detect() {
        try {
            Class.forName("io.qameta.allure.Allure", false, AllureSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static final class AllureArtifacts implements io.vmservice.internal.Artifacts.Listener {
        static final AllureArtifacts INSTANCE = new AllureArtifacts();

        @Override
        public void published(String name, java.nio.file.Path file) {
            if (ScreenDiffAttachments.offer(name, file)) {
                return;
            }
            String fileName = file.getFileName().toString();
            boolean png = fileName.endsWith(".png");
            try {
                attach(name, png ? "image/png" : "text/plain", png ? "png" : "txt", java.nio.file.Files.readAllBytes(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final class AllureSteps implements StepReporter {
        static final AllureSteps INSTANCE = new AllureSteps();

        @Override
        public <T> T step(String name, Supplier<T> action) {
            return Allure.step(name, action::get);
        }
    }
}
