package org.nprworkbench.engine.schema;

/**
 * The checks of the text format score (npr-method.md §1.4(a), the released grader's
 * {@code compute_format_score}) with their penalties, one constant per check of that function. A
 * terminal rule ends scoring the way the released function returns early: the score is then minus
 * its penalty, whatever was found before.
 */
public enum FormatRule {
    /** No {@code <guideline>…</guideline><step>…</step><takeaway>…</takeaway>} block matched. */
    NO_BLOCK(1.5, true),
    /** A tag in the text before a block (since the end of the previous block). */
    TAG_OUTSIDE_BLOCK(1.5, true),
    /** A guideline without any {@code <plan>…</plan>}. */
    NO_PLANS(1.0, true),
    /** The guideline is not exactly its plans back to back ({@code plans_concat != guideline_content}). */
    GUIDELINE_NOT_ONLY_PLANS(0.4, false),
    /** Text left in the guideline once every {@code <plan>…</plan>} is cut out (the plan adjacency check). */
    PLANS_NOT_ADJACENT(0.2, false),
    /** A block whose number of steps differs from its number of plans. */
    STEP_COUNT_MISMATCH(1.0, true),
    /** Text left in the step region once every {@code <step>…</step>} is cut out (the step adjacency check). */
    STEPS_NOT_ADJACENT(0.2, false),
    /** A plan shorter than 3 non-whitespace characters, or containing a tag. */
    BAD_PLAN(0.4, false),
    /** A step shorter than 6 non-whitespace characters, or containing a tag. */
    BAD_STEP(0.4, false),
    /** A takeaway shorter than 6 non-whitespace characters. */
    SHORT_TAKEAWAY(0.4, false),
    /** A tag in the text after the last block. */
    TAG_AFTER_LAST_BLOCK(1.0, true),
    /** An empty {@code \boxed{}} anywhere (counted once, however many there are). */
    EMPTY_BOXED(1.0, false);

    private final double penalty;
    private final boolean terminal;

    FormatRule(double penalty, boolean terminal) {
        this.penalty = penalty;
        this.terminal = terminal;
    }

    /** The penalty, a positive number subtracted from the score. */
    public double penalty() {
        return penalty;
    }

    /** True if this rule ends scoring with score = -penalty. */
    public boolean terminal() {
        return terminal;
    }
}
