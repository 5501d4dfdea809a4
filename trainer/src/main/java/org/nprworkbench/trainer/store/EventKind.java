package org.nprworkbench.trainer.store;

import java.util.Locale;

/** What a run event reports; stored as its lower-case {@link #label()}. */
public enum EventKind {
    /** A note worth keeping with the run (e.g. where a stage's data came from). */
    INFO,
    /** Something the user should look at; training went on. */
    WARNING,
    /** A NaN or infinite loss stopped the stage. */
    NAN_STOP,
    /** The run was resumed from a checkpoint. */
    RESUME,
    /** The run was stopped on request at a step boundary (resumable). */
    STOP,
    /** The run or a stage failed; the message says why. */
    FAILURE;

    /** The stored name: {@code info}, {@code warning}, {@code nan_stop}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as {@code label}. */
    public static EventKind of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
