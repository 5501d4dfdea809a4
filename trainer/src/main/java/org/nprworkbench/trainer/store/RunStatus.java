package org.nprworkbench.trainer.store;

import java.util.Locale;

/** The state of a run or of one of its stages, stored as its lower-case {@link #label()}. */
public enum RunStatus {
    /** Planned, not started (stages only). */
    PENDING,
    /** In progress, or its process died without saying so (see {@link #INTERRUPTED}). */
    RUNNING,
    /** Ended normally. */
    FINISHED,
    /** Ended by an error (the run's events hold the message). */
    FAILED,
    /** Stopped on request at a step boundary; resumable. */
    STOPPED,
    /**
     * Never stored: reported for a run recorded as running whose process, on this host, no longer
     * exists (killed, crashed or interrupted before it could say so).
     */
    INTERRUPTED;

    /** The stored name: {@code pending}, {@code running}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status stored as {@code label}. */
    public static RunStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
