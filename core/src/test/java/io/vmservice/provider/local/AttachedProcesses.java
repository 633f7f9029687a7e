package io.vmservice.provider.local;

import io.vmservice.provider.ProviderSandbox;
import java.util.List;

/**
 * Starts a process in a local sandbox with pipes to this JVM, for the E2B protocol server, whose
 * envd gives processes started with their standard input open a real pipe, as envd does.
 */
public final class AttachedProcesses {

    private AttachedProcesses() {
    }

    public static Process attach(ProviderSandbox sandbox, List<String> argv) {
        return ((TrackedSandbox) sandbox).local().attach(argv);
    }
}
