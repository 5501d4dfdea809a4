package org.nprworkbench.engine.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * The block structure of a token sequence: the one parser of the tag grammar that the structural
 * validator, the parallel layout and the execution graph all share. It checks the order of the eight
 * tags after the prompt ({@link StructureRule}) and assigns every token
 * <ul>
 *   <li>a <b>block</b> id (0, 1, … in order; -1 for the prompt and for text outside any block). A block
 *       runs from its {@code <guideline>} through its {@code </takeaway>};</li>
 *   <li>a <b>span</b> id, the global ordinal of the step branch it belongs to (-1 when shared). A step's
 *       span runs from its {@code <step>} up to, but not including, the next {@code <step>} or
 *       {@code <takeaway>} of its block, so separator tokens after a {@code </step>} belong to the step
 *       before them. Tokens between {@code </guideline>} and the first {@code <step>} are shared.</li>
 * </ul>
 * Only tag ids matter: text between tags, including text that is not whitespace, is not judged here
 * (the text format score does that). Nesting is rejected: no block inside a step or a takeaway.
 */
public final class BlockStructure {
    private final int start;
    private final int[] block;
    private final int[] span;
    private final int[] branchesPerBlock;
    private final int[] firstSpanOfBlock;

    private BlockStructure(int start, int[] block, int[] span, int[] branchesPerBlock, int[] firstSpanOfBlock) {
        this.start = start;
        this.block = block;
        this.span = span;
        this.branchesPerBlock = branchesPerBlock;
        this.firstSpanOfBlock = firstSpanOfBlock;
    }

    private enum State { TEXT, GUIDELINE, PLAN, BRANCHES, STEP, TAKEAWAY }

    /**
     * Parses {@code tokens} from index {@code start} (the first response token; earlier tokens are the
     * prompt and are not parsed). With {@code complete} false the sequence may stop anywhere (a prefix
     * of a trajectory): only the end-of-sequence rules are waived. A block with more than
     * {@code maxBranches} steps breaks {@link StructureRule#TOO_MANY_BRANCHES}.
     */
    public static BlockStructure parse(int[] tokens, int start, TagIds tags, boolean complete, int maxBranches)
            throws MalformedStructureException {
        if (start < 0 || start > tokens.length) {
            throw new IllegalArgumentException("start " + start + " outside 0.." + tokens.length);
        }
        int n = tokens.length;
        int[] block = new int[n];
        int[] span = new int[n];
        Arrays.fill(block, -1);
        Arrays.fill(span, -1);
        List<Integer> branches = new ArrayList<>();
        List<Integer> firstSpan = new ArrayList<>();
        State state = State.TEXT;
        int blk = -1;
        int curSpan = -1;
        int spans = 0;
        int blockOpen = -1;
        int stepOpen = -1;
        int takeawayOpen = -1;
        for (int i = start; i < n; i++) {
            int t = tokens[i];
            if (tags.isTag(t)) {
                String tag = tags.tagText(t);
                switch (state) {
                    case TEXT -> {
                        if (t == tags.guidelineOpen()) {
                            blk = branches.size();
                            branches.add(0);
                            firstSpan.add(spans);
                            blockOpen = i;
                            state = State.GUIDELINE;
                        } else if (t == tags.stepOpen()) {
                            throw fail(StructureRule.STEP_OUTSIDE_BLOCK, i, "<step> with no block open (no <guideline>…</guideline> before it)");
                        } else if (t == tags.stepClose()) {
                            throw fail(StructureRule.STRAY_STEP_CLOSE, i, "</step> with no open step");
                        } else if (t == tags.takeawayOpen()) {
                            throw fail(StructureRule.TAKEAWAY_WITHOUT_BLOCK, i, "<takeaway> with no open block");
                        } else if (t == tags.takeawayClose()) {
                            throw fail(StructureRule.STRAY_TAKEAWAY_CLOSE, i, "</takeaway> with no open takeaway");
                        } else if (t == tags.guidelineClose()) {
                            throw fail(StructureRule.STRAY_GUIDELINE_CLOSE, i, "</guideline> with no open guideline");
                        } else {
                            throw fail(StructureRule.PLAN_OUTSIDE_GUIDELINE, i, tag + " outside a guideline");
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
                            curSpan = -1;
                            state = State.BRANCHES;
                        } else if (t == tags.guidelineOpen()) {
                            throw fail(StructureRule.NESTED_GUIDELINE, i, "<guideline> inside the guideline opened at token " + blockOpen);
                        } else if (t == tags.stepOpen() || t == tags.takeawayOpen()) {
                            throw fail(StructureRule.TAG_IN_GUIDELINE, i, tag + " before the guideline opened at token " + blockOpen + " is closed");
                        } else if (t == tags.stepClose()) {
                            throw fail(StructureRule.STRAY_STEP_CLOSE, i, "</step> with no open step");
                        } else {
                            throw fail(StructureRule.STRAY_TAKEAWAY_CLOSE, i, "</takeaway> with no open takeaway");
                        }
                    }
                    case BRANCHES -> {
                        if (t == tags.stepOpen()) {
                            int count = branches.get(blk) + 1;
                            if (count > maxBranches) {
                                throw fail(StructureRule.TOO_MANY_BRANCHES, i, "step " + count + " of the block opened at token "
                                        + blockOpen + "; at most " + maxBranches + " branches");
                            }
                            branches.set(blk, count);
                            curSpan = spans++;
                            stepOpen = i;
                            state = State.STEP;
                        } else if (t == tags.takeawayOpen()) {
                            curSpan = -1;
                            takeawayOpen = i;
                            state = State.TAKEAWAY;
                        } else if (t == tags.guidelineOpen()) {
                            throw fail(StructureRule.NESTED_GUIDELINE, i, "<guideline> before the block opened at token "
                                    + blockOpen + " has its <takeaway>");
                        } else {
                            throw failInBlock(tags, t, i);
                        }
                    }
                    case STEP -> {
                        if (t == tags.stepClose()) {
                            state = State.BRANCHES;
                        } else if (t == tags.stepOpen()) {
                            throw fail(StructureRule.NESTED_STEP, i, "<step> while the step opened at token " + stepOpen + " is open");
                        } else if (t == tags.takeawayOpen()) {
                            throw fail(StructureRule.TAKEAWAY_IN_STEP, i, "<takeaway> while the step opened at token " + stepOpen + " is open");
                        } else if (t == tags.guidelineOpen()) {
                            throw fail(StructureRule.NESTED_GUIDELINE, i, "<guideline> inside the step opened at token " + stepOpen);
                        } else if (t == tags.guidelineClose()) {
                            throw fail(StructureRule.STRAY_GUIDELINE_CLOSE, i, "bare </guideline> inside the step opened at token " + stepOpen);
                        } else {
                            throw failInBlock(tags, t, i);
                        }
                    }
                    case TAKEAWAY -> {
                        if (t != tags.takeawayClose()) {
                            throw fail(StructureRule.TAG_IN_TAKEAWAY, i, tag + " inside the takeaway opened at token " + takeawayOpen);
                        }
                        state = State.TEXT;
                        block[i] = blk;
                        continue;
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
            block[i] = state == State.TEXT ? -1 : blk;
            span[i] = curSpan;
        }
        if (complete) {
            switch (state) {
                case GUIDELINE, PLAN -> throw fail(StructureRule.UNCLOSED_GUIDELINE, blockOpen, "the sequence ends inside the guideline opened here");
                case BRANCHES -> throw fail(StructureRule.UNCLOSED_BLOCK, blockOpen, "the sequence ends before the block opened here has its <takeaway>");
                case STEP -> throw fail(StructureRule.UNCLOSED_STEP, stepOpen, "the sequence ends inside the step opened here");
                case TAKEAWAY -> throw fail(StructureRule.UNCLOSED_TAKEAWAY, takeawayOpen, "the sequence ends inside the takeaway opened here (no </takeaway>)");
                default -> { }
            }
        }
        return new BlockStructure(start, block, span,
                branches.stream().mapToInt(Integer::intValue).toArray(),
                firstSpan.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The error for a tag that cannot appear between the steps of a block or inside a step. */
    private static MalformedStructureException failInBlock(TagIds tags, int t, int i) {
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

    private static MalformedStructureException fail(StructureRule rule, int index, String reason) {
        return new MalformedStructureException(new StructureViolation(rule, index, reason));
    }

    /** Number of tokens (prompt included). */
    public int length() {
        return block.length;
    }

    /** Index of the first response token (the prompt length). */
    public int start() {
        return start;
    }

    /** Block id of token {@code i}, -1 outside any block. */
    public int block(int i) {
        return block[i];
    }

    /** Global span (branch) id of token {@code i}, -1 when the token is shared. */
    public int span(int i) {
        return span[i];
    }

    /** Index of token {@code i}'s branch within its block (0-based), -1 when shared. */
    public int branch(int i) {
        return span[i] < 0 ? -1 : span[i] - firstSpanOfBlock[block[i]];
    }

    /** Number of blocks (a block still open at the end of a prefix counts). */
    public int blockCount() {
        return branchesPerBlock.length;
    }

    /** Number of steps opened in each block. */
    public int[] branchesPerBlock() {
        return branchesPerBlock.clone();
    }

    /** Per-token block ids (a copy). */
    public int[] blocks() {
        return block.clone();
    }

    /** Per-token span ids (a copy). */
    public int[] spans() {
        return span.clone();
    }
}
