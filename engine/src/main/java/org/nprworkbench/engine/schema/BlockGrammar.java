package org.nprworkbench.engine.schema;

import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * The block grammar of npr-method.md §1.2 on tag ids, one token at a time:
 * {@code (text | <guideline> (<plan> … </plan>)* </guideline> (<step> … </step>)* <takeaway> … </takeaway>)*},
 * with text anywhere but inside a takeaway's tags, no nesting, and at most {@code maxBranches} steps
 * per block. This is the one statement of the grammar: {@link BlockStructure} (and through it the
 * structural validator and the parallel layout) runs it over a whole sequence, and the decode engine
 * runs it over every stream as the tokens are chosen, so the engine cannot accept a layout the
 * validator rejects.
 *
 * <p>{@link #feed} takes the next token and returns the new state, or throws the broken
 * {@link StructureRule}; {@link #end} applies the end-of-sequence rules. After each token,
 * {@link #block()} and {@link #span()} say where it belongs: the block runs from {@code <guideline>}
 * through {@code </takeaway>}; the span of a step runs from its {@code <step>} up to, but not
 * including, the next {@code <step>} or {@code <takeaway>} (trailing separators belong to the step).
 * Only tag ids matter; text between tags is the format score's business.
 */
public final class BlockGrammar {
    /** Where the sequence stands. */
    public enum State {
        /** Outside any block (before the first, between blocks, the final answer). */
        TEXT,
        /** Inside a guideline, between plans. */
        GUIDELINE,
        /** Inside a plan. */
        PLAN,
        /** After {@code </guideline>} or a {@code </step>}, before the next step or the takeaway. */
        BRANCHES,
        /** Inside a step. */
        STEP,
        /** Inside a takeaway. */
        TAKEAWAY
    }

    private final TagIds tags;
    private final int maxBranches;
    private State state = State.TEXT;
    private int blocks;          // blocks opened so far
    private int spans;           // steps opened so far, over all blocks
    private int steps;           // steps opened in the current block
    private int currentSpan = -1;
    private int block = -1;      // of the token just fed
    private int span = -1;       // of the token just fed
    private int blockOpen = -1;  // index of the open block's <guideline>
    private int stepOpen = -1;
    private int takeawayOpen = -1;
    private boolean broken;

    /** A grammar at the start of a response; a block with more than {@code maxBranches} steps is malformed. */
    public BlockGrammar(TagIds tags, int maxBranches) {
        this.tags = tags;
        this.maxBranches = maxBranches;
    }

    private BlockGrammar(BlockGrammar o) {
        this(o.tags, o.maxBranches);
        state = o.state;
        blocks = o.blocks;
        spans = o.spans;
        steps = o.steps;
        currentSpan = o.currentSpan;
        block = o.block;
        span = o.span;
        blockOpen = o.blockOpen;
        stepOpen = o.stepOpen;
        takeawayOpen = o.takeawayOpen;
    }

    /**
     * The grammar of branch {@code earlierSiblings} (0-based) of the block this grammar has just closed
     * the guideline of: the state that branch's {@code <step>} meets in the merged sequence, where
     * {@code earlierSiblings} steps come before it. The engine runs one per branch.
     *
     * @throws IllegalStateException unless the state is {@link State#BRANCHES} with no step opened yet
     */
    public BlockGrammar forBranch(int earlierSiblings) {
        if (broken || state != State.BRANCHES || steps != 0 || earlierSiblings < 0) {
            throw new IllegalStateException("branches fork right after </guideline>, not in state " + state);
        }
        BlockGrammar b = new BlockGrammar(this);
        b.steps = earlierSiblings;
        b.spans = spans + earlierSiblings;
        return b;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** The block of the token just fed (0, 1, … in order), -1 outside any block. */
    public int block() {
        return block;
    }

    /** The global span (step) id of the token just fed, -1 when it is shared. */
    public int span() {
        return span;
    }

    /**
     * Feeds the next token; {@code index} is its place in the sequence, reported in a violation.
     * Returns the new state.
     *
     * @throws MalformedStructureException when the token breaks the grammar here; the grammar cannot
     *     be fed further
     */
    public State feed(int token, int index) throws MalformedStructureException {
        if (broken) {
            throw new IllegalStateException("the sequence already broke the grammar");
        }
        if (tags.isTag(token)) {
            try {
                tag(token, index);
            } catch (MalformedStructureException e) {
                broken = true;
                throw e;
            }
        }
        if (token == tags.takeawayClose()) {
            block = blocks - 1; // the block ends with its </takeaway>
            span = -1;
        } else {
            block = state == State.TEXT ? -1 : blocks - 1;
            span = currentSpan;
        }
        return state;
    }

    private void tag(int t, int i) throws MalformedStructureException {
        switch (state) {
            case TEXT -> {
                if (t == tags.guidelineOpen()) {
                    blocks++;
                    steps = 0;
                    blockOpen = i;
                    state = State.GUIDELINE;
                } else if (t == tags.stepOpen()) {
                    throw fail(StructureRule.STEP_OUTSIDE_BLOCK, i, "<step> outside a block (no <guideline>…</guideline> before it)");
                } else if (t == tags.takeawayOpen()) {
                    throw fail(StructureRule.TAKEAWAY_WITHOUT_BLOCK, i, "<takeaway> with no open block");
                } else {
                    throw stray(t, i);
                }
            }
            case GUIDELINE, PLAN -> {
                boolean inPlan = state == State.PLAN;
                if (t == tags.planOpen()) {
                    if (inPlan) {
                        throw fail(StructureRule.NESTED_PLAN, i, "<plan> while another plan is open");
                    }
                    state = State.PLAN;
                } else if (t == tags.planClose()) {
                    if (!inPlan) {
                        throw fail(StructureRule.STRAY_PLAN_CLOSE, i, "</plan> with no open plan");
                    }
                    state = State.GUIDELINE;
                } else if (t == tags.guidelineClose()) {
                    if (inPlan) {
                        throw fail(StructureRule.UNCLOSED_PLAN, i, "</guideline> while a plan is open");
                    }
                    currentSpan = -1;
                    state = State.BRANCHES;
                } else if (t == tags.guidelineOpen()) {
                    throw fail(StructureRule.NESTED_GUIDELINE, i, "<guideline> inside an open guideline");
                } else if (t == tags.stepOpen() || t == tags.takeawayOpen()) {
                    throw fail(StructureRule.TAG_IN_GUIDELINE, i, tags.tagText(t) + " before the guideline is closed");
                } else {
                    throw stray(t, i);
                }
            }
            case BRANCHES -> {
                if (t == tags.stepOpen()) {
                    if (steps + 1 > maxBranches) {
                        throw fail(StructureRule.TOO_MANY_BRANCHES, i, "step " + (steps + 1) + " of a block; at most "
                                + maxBranches + " branches");
                    }
                    steps++;
                    currentSpan = spans++;
                    stepOpen = i;
                    state = State.STEP;
                } else if (t == tags.takeawayOpen()) {
                    currentSpan = -1;
                    takeawayOpen = i;
                    state = State.TAKEAWAY;
                } else if (t == tags.guidelineOpen()) {
                    throw fail(StructureRule.NESTED_GUIDELINE, i, "<guideline> before the open block has its <takeaway>");
                } else {
                    throw stray(t, i);
                }
            }
            case STEP -> {
                if (t == tags.stepClose()) {
                    state = State.BRANCHES;
                } else if (t == tags.stepOpen()) {
                    throw fail(StructureRule.NESTED_STEP, i, "<step> while a step is open");
                } else if (t == tags.takeawayOpen()) {
                    throw fail(StructureRule.TAKEAWAY_IN_STEP, i, "<takeaway> while a step is open");
                } else if (t == tags.guidelineOpen()) {
                    throw fail(StructureRule.NESTED_GUIDELINE, i, "<guideline> inside a step (nested blocks are not forked)");
                } else if (t == tags.guidelineClose()) {
                    throw fail(StructureRule.STRAY_GUIDELINE_CLOSE, i, "bare </guideline> inside a step");
                } else {
                    throw stray(t, i);
                }
            }
            case TAKEAWAY -> {
                if (t != tags.takeawayClose()) {
                    throw fail(StructureRule.TAG_IN_TAKEAWAY, i, tags.tagText(t) + " inside a takeaway");
                }
                state = State.TEXT;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** A closing tag with nothing open to close, or a plan tag outside a guideline. */
    private MalformedStructureException stray(int t, int i) {
        if (t == tags.stepClose()) {
            return fail(StructureRule.STRAY_STEP_CLOSE, i, "</step> with no open step");
        }
        if (t == tags.guidelineClose()) {
            return fail(StructureRule.STRAY_GUIDELINE_CLOSE, i, "</guideline> with no open guideline");
        }
        if (t == tags.takeawayClose()) {
            return fail(StructureRule.STRAY_TAKEAWAY_CLOSE, i, "</takeaway> with no open takeaway");
        }
        return fail(StructureRule.PLAN_OUTSIDE_GUIDELINE, i, tags.tagText(t) + " outside a guideline");
    }

    /**
     * The end-of-sequence rules: the sequence may not stop inside a guideline, a step, a block or a
     * takeaway. The violation points at the tag that was never closed.
     */
    public void end() throws MalformedStructureException {
        if (broken) {
            throw new IllegalStateException("the sequence already broke the grammar");
        }
        switch (state) {
            case GUIDELINE, PLAN -> throw fail(StructureRule.UNCLOSED_GUIDELINE, blockOpen, "the sequence ends inside a guideline");
            case BRANCHES -> throw fail(StructureRule.UNCLOSED_BLOCK, blockOpen, "the sequence ends before the block has its <takeaway>");
            case STEP -> throw fail(StructureRule.UNCLOSED_STEP, stepOpen, "the sequence ends inside a step");
            case TAKEAWAY -> throw fail(StructureRule.UNCLOSED_TAKEAWAY, takeawayOpen, "the sequence ends inside a takeaway (no </takeaway>)");
            default -> { }
        }
    }

    private static MalformedStructureException fail(StructureRule rule, int index, String reason) {
        return new MalformedStructureException(new StructureViolation(rule, index, reason));
    }
}
