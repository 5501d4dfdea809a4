package org.nprworkbench.engine.schema;

/** Why the engine refuses to fork at a {@code </guideline>} (npr-method.md §1.4(c)). */
public enum PreBranchRule {
    /** The segment already holds a {@code </step>}. */
    STEP_CLOSE_IN_SEGMENT,
    /** No open {@code <guideline>} in the segment: a bare {@code </guideline>}, for example inside a step. */
    NO_GUIDELINE,
    /**
     * The guideline was opened inside a step (a {@code <step>} is open in the segment). The paper's
     * engine forks such nested blocks recursively and its RL filter drops them later; this port has no
     * nested layout, so it ends the trajectory at once.
     */
    INSIDE_STEP,
    /** The guideline has no plan labelled {@code <plan>k:}. */
    NO_PLANS,
    /** The guideline has more than 5 labelled plans. */
    TOO_MANY_PLANS
}
