package io.vmservice.provider;

/** A program started in a sandbox that runs on its own. */
public interface BackgroundProcess {

    boolean isAlive();

    /** Ends the program (and what it started) if it is still running. */
    void kill();
}
