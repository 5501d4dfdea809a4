package org.nprworkbench.trainer.store;

import java.util.Locale;

/** Whether a stored sample is a training rollout or an evaluation sample. */
public enum RolloutKind {
    /** A rollout a training step learned from. */
    ROLLOUT,
    /** An answer to a validation or test problem. */
    EVAL;

    /** The stored name: {@code rollout} or {@code eval}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as {@code label}. */
    public static RolloutKind of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
