package org.nprworkbench.engine.schema;

/**
 * The rules of the text format score (npr-method.md §1.4(a), grader version) with their penalties.
 * A terminal rule ends scoring: the score is then minus its penalty, whatever was found before.
 */
public enum FormatRule {
    /** No {@code <guideline>…</guideline><step>…</step>…<takeaway>…</takeaway>} block matched. */
    NO_BLOCK(1.5, true),
    /** A tag in the text before the first block or between two blocks. */
    TAG_OUTSIDE_BLOCK(1.5, true),
    /** A guideline without any {@code <plan>…</plan>}. */
    NO_PLANS(1.0, true),
    /** A block whose number of steps differs from its number of plans. */
    STEP_COUNT_MISMATCH(1.0, true),
    /** Text inside a guideline that is not part of a plan. */
    GUIDELINE_STRAY_TEXT(0.4, false),
    /** The grader's second check on the same condition as {@link #GUIDELINE_STRAY_TEXT}. */
    GUIDELINE_STRAY_TEXT_SECOND_CHECK(0.2, false),
    /** A plan shorter than 3 non-whitespace characters, or containing a tag. */
    BAD_PLAN(0.4, false),
    /** A step shorter than 6 non-whitespace characters, or containing a tag. */
    BAD_STEP(0.4, false),
    /** A takeaway shorter than 6 non-whitespace characters. */
    SHORT_TAKEAWAY(0.4, false),
    /** A tag in the text after the last block. */
    TAG_AFTER_LAST_BLOCK(1.0, true),
    /** An empty {@code \boxed{}} anywhere. */
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
