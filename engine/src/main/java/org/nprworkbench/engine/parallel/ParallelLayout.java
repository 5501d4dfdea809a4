package org.nprworkbench.engine.parallel;

import org.nprworkbench.engine.schema.BlockStructure;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * The parallel layout of a token sequence (prompt + response): which earlier tokens each token may
 * attend to (npr-method.md §2.2) and its RoPE position id (§2.3): the one mask/position function of
 * parallel SFT and PAPO. Positions come from {@link PositionCursor}, the same code the engine runs per
 * stream; the engine's visibility (lane owners) implements the span rule below for decode order, and
 * tests hold both to this class bit for bit.
 *
 * <p><b>Spans and the separator decision.</b> The span of step k runs from its {@code <step>} token up
 * to, but not including, the next {@code <step>} or {@code <takeaway>} of the same block: separator
 * tokens after a {@code </step>} belong to the step before them (the [REC] of §2.2, "put separators
 * inside the preceding span"; the paper's builders leave them outside every span, so a later sibling
 * could see them). Tokens between {@code </guideline>} and the first {@code <step>} are shared. This is
 * exactly what the engine produces: a shared {@code \n} after {@code </guideline>}, each branch seeded
 * with {@code <step>} and its label and closed by {@code </step>} plus one {@code \n} of its own, then
 * the forced {@code <takeaway>} at the join.
 *
 * <p><b>Visibility.</b> Causal over the flattened sequence, except that two tokens in different spans
 * of the same block never see each other (both directions). Everything else, the guideline with all
 * its plans, the shared separator, earlier blocks and the takeaway, is causal.
 *
 * <p><b>Positions</b>, the §2.3 algorithm as written (in {@link PositionCursor}): positions count up
 * by one per token from 0; {@code </guideline>} sets g = its position; every {@code <step>} restarts at g + 1; each
 * {@code </step>} updates maxLen = max(maxLen, pos − g); {@code <takeaway>} restarts at g + maxLen + 1;
 * tokens after a {@code </step>} simply continue by one. Trailing separators are not part of maxLen,
 * so a separator may share its position with the takeaway, and the shared separator shares g + 1 with
 * the first {@code <step>}: both overlaps are the paper's and harmless.
 *
 * <p>Building the layout is O(L); only {@link #denseMask()} is O(L²). Callers that build their own
 * masks use {@link #spans()} and {@link #blocks()}: key k is hidden from query q iff k &gt; q, or
 * both spans are ≥ 0, differ, and the blocks are equal.
 */
public final class ParallelLayout {
    private final BlockStructure structure;
    private final int[] positions;
    private final int maxPosition;

    private ParallelLayout(BlockStructure structure, int[] positions, int maxPosition) {
        this.structure = structure;
        this.positions = positions;
        this.maxPosition = maxPosition;
    }

    /**
     * The layout of a complete trajectory: {@code tokens[0, promptLength)} is the prompt (plain causal,
     * positions 0..promptLength-1, tags in it ignored), the rest the response.
     *
     * @throws MalformedStructureException when the response breaks the block grammar; the violation
     *     carries the rule and the token index (into {@code tokens})
     */
    public static ParallelLayout of(int[] tokens, int promptLength, TagIds tags) throws MalformedStructureException {
        return build(tokens, promptLength, tags, true);
    }

    /**
     * The layout of a prefix of a trajectory (the engine mid-block or mid-branch): the same as
     * {@link #of} except that the sequence may end inside a guideline, a step, a block or a takeaway.
     */
    public static ParallelLayout ofPrefix(int[] tokens, int promptLength, TagIds tags) throws MalformedStructureException {
        return build(tokens, promptLength, tags, false);
    }

    private static ParallelLayout build(int[] tokens, int promptLength, TagIds tags, boolean complete)
            throws MalformedStructureException {
        BlockStructure s = BlockStructure.parse(tokens, promptLength, tags, complete, Integer.MAX_VALUE);
        int[] pos = new int[tokens.length];
        PositionCursor cursor = PositionCursor.parallel(tags, promptLength);
        int max = -1;
        for (int i = 0; i < tokens.length; i++) {
            pos[i] = i < promptLength ? i : cursor.next(tokens[i]); // the prompt is plain causal
            max = Math.max(max, pos[i]);
        }
        return new ParallelLayout(s, pos, max);
    }

    /** Number of tokens L (prompt included). */
    public int length() {
        return positions.length;
    }

    /** The prompt length (index of the first response token). */
    public int promptLength() {
        return structure.start();
    }

    /** Position ids of all L tokens (a copy). */
    public int[] positions() {
        return positions.clone();
    }

    /** Position id of token {@code i}. */
    public int position(int i) {
        return positions[i];
    }

    /** Global span id of token {@code i}: the step branch it belongs to, -1 when shared. */
    public int span(int i) {
        return structure.span(i);
    }

    /** Block id of token {@code i}, -1 outside any block. */
    public int block(int i) {
        return structure.block(i);
    }

    /** Index of token {@code i}'s branch within its block (0-based), -1 when shared. */
    public int branch(int i) {
        return structure.branch(i);
    }

    /** Per-token span ids (a copy): the compact form of the mask, with {@link #blocks()}. */
    public int[] spans() {
        return structure.spans();
    }

    /** Per-token block ids (a copy). */
    public int[] blocks() {
        return structure.blocks();
    }

    /** True if the token at {@code query} may attend to the token at {@code key}. */
    public boolean visible(int query, int key) {
        if (key > query) {
            return false;
        }
        int sq = structure.span(query);
        int sk = structure.span(key);
        return sq < 0 || sk < 0 || sq == sk || structure.block(query) != structure.block(key);
    }

    /** The additive attention mask, row-major [query][key]: 0 where visible, -infinity elsewhere (L² floats). */
    public float[] denseMask() {
        int n = positions.length;
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(n + " tokens are too many for a dense mask; use spans() and blocks()");
        }
        float[] mask = new float[n * n];
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                mask[q * n + k] = visible(q, k) ? 0f : Float.NEGATIVE_INFINITY;
            }
        }
        return mask;
    }

    /** Number of blocks (one still open at the end of a prefix counts). */
    public int blockCount() {
        return structure.blockCount();
    }

    /** Number of step branches in each block. */
    public int[] branchesPerBlock() {
        return structure.branchesPerBlock();
    }

    /** Total generated tokens T: every response token, all branches and forced tags included (§2.6). */
    public int totalTokens() {
        return positions.length - structure.start();
    }

    /** Critical path C = largest position id + 1 − prompt length (§2.6); 0 for an empty response. */
    public int criticalPath() {
        return totalTokens() == 0 ? 0 : maxPosition + 1 - structure.start();
    }

    /** The ideal token-level speedup T / C; 1 for an empty response. */
    public double parallelism() {
        int c = criticalPath();
        return c == 0 ? 1.0 : (double) totalTokens() / c;
    }
}
