package org.nprworkbench.problems.seed;

import java.util.List;

/**
 * The eight structural tags of the NPR schema (npr-method.md §1.1) as text: the one definition of
 * the strings, which the engine's {@code NprTags} refers to (this module cannot depend on the engine).
 */
public final class NprTagStrings {
    public static final String GUIDELINE_OPEN = "<guideline>";
    public static final String GUIDELINE_CLOSE = "</guideline>";
    public static final String PLAN_OPEN = "<plan>";
    public static final String PLAN_CLOSE = "</plan>";
    public static final String STEP_OPEN = "<step>";
    public static final String STEP_CLOSE = "</step>";
    public static final String TAKEAWAY_OPEN = "<takeaway>";
    public static final String TAKEAWAY_CLOSE = "</takeaway>";

    /** All eight tags, in the engine's order. */
    public static final List<String> ALL = List.of(
            GUIDELINE_OPEN, GUIDELINE_CLOSE, PLAN_OPEN, PLAN_CLOSE,
            STEP_OPEN, STEP_CLOSE, TAKEAWAY_OPEN, TAKEAWAY_CLOSE);

    private NprTagStrings() {
    }
}
