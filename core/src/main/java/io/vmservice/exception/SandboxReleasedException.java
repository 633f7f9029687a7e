package io.vmservice.exception;

/**
 * A handle was used after its sandbox was given back (closed). With desktop reuse or a warm pool
 * the desktop behind it may already serve another test, which this handle must never reach.
 */
public class SandboxReleasedException extends SandboxNotFoundException {

    public SandboxReleasedException(String sandboxId) {
        super(sandboxId, "sandbox " + sandboxId + " was closed by this handle; its desktop may now serve another test");
    }
}
