package org.nprworkbench.engine.tokenizer;

import java.util.List;

import org.nprworkbench.problems.seed.NprTagStrings;

/**
 * The eight structural tags of the NPR schema (npr-method.md §1.1), each a single token. The strings
 * themselves are defined once, in sample-problems' {@link NprTagStrings}, which the seed corpus writes.
 */
public final class NprTags {
    public static final String GUIDELINE_OPEN = NprTagStrings.GUIDELINE_OPEN;
    public static final String GUIDELINE_CLOSE = NprTagStrings.GUIDELINE_CLOSE;
    public static final String PLAN_OPEN = NprTagStrings.PLAN_OPEN;
    public static final String PLAN_CLOSE = NprTagStrings.PLAN_CLOSE;
    public static final String STEP_OPEN = NprTagStrings.STEP_OPEN;
    public static final String STEP_CLOSE = NprTagStrings.STEP_CLOSE;
    public static final String TAKEAWAY_OPEN = NprTagStrings.TAKEAWAY_OPEN;
    public static final String TAKEAWAY_CLOSE = NprTagStrings.TAKEAWAY_CLOSE;

    /** All eight tags in a fixed order (the order of {@link TagIds}). */
    public static final List<String> ALL = List.of(
            GUIDELINE_OPEN, GUIDELINE_CLOSE, PLAN_OPEN, PLAN_CLOSE,
            STEP_OPEN, STEP_CLOSE, TAKEAWAY_OPEN, TAKEAWAY_CLOSE);

    private NprTags() {
    }
}
