package org.nprworkbench.tags;

import java.util.List;

/**
 * The eight structural tags of the NPR schema (npr-method.md §1.1) as text: the one definition of the
 * tag vocabulary for every module (the seed corpus writes them, the engine maps them to token ids, the
 * validators and graph builder read them).
 */
public final class NprTags {
    public static final String GUIDELINE_OPEN = "<guideline>";
    public static final String GUIDELINE_CLOSE = "</guideline>";
    public static final String PLAN_OPEN = "<plan>";
    public static final String PLAN_CLOSE = "</plan>";
    public static final String STEP_OPEN = "<step>";
    public static final String STEP_CLOSE = "</step>";
    public static final String TAKEAWAY_OPEN = "<takeaway>";
    public static final String TAKEAWAY_CLOSE = "</takeaway>";

    /** All eight tags in a fixed order: the order of the engine's {@code TagIds#inOrder()}. */
    public static final List<String> ALL = List.of(
            GUIDELINE_OPEN, GUIDELINE_CLOSE, PLAN_OPEN, PLAN_CLOSE,
            STEP_OPEN, STEP_CLOSE, TAKEAWAY_OPEN, TAKEAWAY_CLOSE);

    private NprTags() {
    }
}
