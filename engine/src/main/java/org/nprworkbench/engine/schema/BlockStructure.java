package org.nprworkbench.engine.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * The block structure of a token sequence: the tag grammar ({@link BlockGrammar}, which the decode
 * engine runs too) applied to a whole sequence, shared by the structural validator, the parallel
 * layout and the execution graph. It checks the order of the eight tags after the prompt
 * ({@link StructureRule}) and assigns every token
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

    /**
     * Parses {@code tokens} from index {@code start} (the first response token; earlier tokens are the
     * prompt and are not parsed) by running {@link BlockGrammar} over them. With {@code complete} false
     * the sequence may stop anywhere (a prefix of a trajectory): only the end-of-sequence rules are
     * waived. A block with more than {@code maxBranches} steps breaks {@link StructureRule#TOO_MANY_BRANCHES}.
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
        BlockGrammar grammar = new BlockGrammar(tags, maxBranches);
        int spans = 0;
        for (int i = start; i < n; i++) {
            int t = tokens[i];
            grammar.feed(t, i);
            block[i] = grammar.block();
            span[i] = grammar.span();
            if (t == tags.guidelineOpen()) {
                branches.add(0);
                firstSpan.add(spans);
            } else if (t == tags.stepOpen()) {
                branches.set(branches.size() - 1, branches.get(branches.size() - 1) + 1);
                spans++;
            }
        }
        if (complete) {
            grammar.end();
        }
        return new BlockStructure(start, block, span,
                branches.stream().mapToInt(Integer::intValue).toArray(),
                firstSpan.stream().mapToInt(Integer::intValue).toArray());
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
