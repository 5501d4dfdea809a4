package org.nprworkbench.engine.schema;

/**
 * Thrown when a token sequence breaks the block grammar, so no parallel layout exists for it. Checked
 * on purpose: callers must decide what a malformed sample means (PAPO drops it, the engine ends the
 * trajectory, the graph marks the break).
 */
public final class MalformedStructureException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient StructureViolation violation;

    public MalformedStructureException(StructureViolation violation) {
        super(violation.toString());
        this.violation = violation;
    }

    /** The broken rule and where. */
    public StructureViolation violation() {
        return violation;
    }
}
