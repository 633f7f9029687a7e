package io.vmservice.sandbox;

/** The life of a sandbox as the client reports it; destroyed sandboxes are not found at all. */
public enum SandboxStatus {
    /** Booted, its desktop takes input. */
    RUNNING
}
