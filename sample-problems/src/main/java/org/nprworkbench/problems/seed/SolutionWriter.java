package org.nprworkbench.problems.seed;

import static org.nprworkbench.tags.NprTags.GUIDELINE_CLOSE;
import static org.nprworkbench.tags.NprTags.GUIDELINE_OPEN;
import static org.nprworkbench.tags.NprTags.PLAN_CLOSE;
import static org.nprworkbench.tags.NprTags.PLAN_OPEN;
import static org.nprworkbench.tags.NprTags.STEP_CLOSE;
import static org.nprworkbench.tags.NprTags.STEP_OPEN;
import static org.nprworkbench.tags.NprTags.TAKEAWAY_CLOSE;
import static org.nprworkbench.tags.NprTags.TAKEAWAY_OPEN;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Writes a {@link Trace} as solution text. NPR style uses exactly the canonical layout the engine and
 * the parallel attention mask expect:
 * <pre>
 * &lt;guideline&gt;\n&lt;plan&gt;1: ...&lt;/plan&gt;\n...&lt;/guideline&gt;\n&lt;step&gt;1: ...&lt;/step&gt;\n...&lt;takeaway&gt;So ...&lt;/takeaway&gt;\n
 * </pre>
 * repeated per block, then {@code The answer is \boxed{...}.}.
 *
 * <p><b>Block structure.</b> A step cannot see its siblings (the parallel mask), so a block may only
 * hold moves that are independent of each other and whose needs all lie in earlier blocks. The writer
 * puts each move at its dependency depth (0 for moves that work from the problem alone, else one more
 * than the deepest move it needs); the moves of one depth are independent. With probability
 * {@code parallelShare} a depth goes into one block of parallel plans (split evenly when it has more
 * than {@link #MAX_PLANS} moves); otherwise it is cut into a random chain of smaller consecutive blocks,
 * down to one plan each. Every block's takeaway repeats its moves' results, so a later step finds each
 * number it uses in an earlier takeaway.
 */
public final class SolutionWriter {
    /** The most plans per block the engine will fork (npr-method.md §1.2). */
    public static final int MAX_PLANS = 5;

    private SolutionWriter() {
    }

    /** {@code trace} as chain of thought: one line per move, the conclusion line if any, then the boxed answer. */
    public static String cot(Trace trace) {
        StringBuilder sb = new StringBuilder();
        trace.moves().forEach(m -> sb.append(m.work()).append('\n'));
        if (!trace.conclusion().isEmpty()) {
            sb.append(summary(trace.moves(), trace.conclusion())).append('\n');
        }
        return sb.append(finalLine(trace)).toString();
    }

    /** {@code trace} in NPR tags, its block structure drawn by {@link #blocks} with {@code rnd}. */
    public static String npr(Trace trace, RandomGenerator rnd, double parallelShare) {
        StringBuilder sb = new StringBuilder();
        List<List<Integer>> blocks = blocks(trace, rnd, parallelShare);
        for (int b = 0; b < blocks.size(); b++) {
            List<Move> moves = blocks.get(b).stream().map(trace.moves()::get).toList();
            block(sb, moves, b == blocks.size() - 1 ? trace.conclusion() : "");
        }
        return sb.append(finalLine(trace)).toString();
    }

    /**
     * The blocks the moves of {@code trace} go into, as move indices in block order: every move once,
     * at most {@link #MAX_PLANS} per block, and no move in the same block as, or an earlier block than,
     * a move it needs.
     */
    static List<List<Integer>> blocks(Trace trace, RandomGenerator rnd, double parallelShare) {
        if (parallelShare < 0 || parallelShare > 1) {
            throw new IllegalArgumentException("parallelShare must be in [0, 1]");
        }
        List<Move> moves = trace.moves();
        int[] depth = new int[moves.size()];
        int deepest = 0;
        for (int i = 0; i < moves.size(); i++) {
            for (int need : moves.get(i).needs()) {
                depth[i] = Math.max(depth[i], depth[need] + 1);
            }
            deepest = Math.max(deepest, depth[i]);
        }
        List<List<Integer>> blocks = new ArrayList<>();
        for (int d = 0; d <= deepest; d++) {
            List<Integer> layer = new ArrayList<>();
            for (int i = 0; i < moves.size(); i++) {
                if (depth[i] == d) {
                    layer.add(i);
                }
            }
            if (layer.size() > 1 && rnd.nextDouble() >= parallelShare) {
                for (List<Integer> piece : randomCut(layer, rnd)) {
                    blocks.addAll(even(piece));
                }
            } else {
                blocks.addAll(even(layer));
            }
        }
        return blocks;
    }

    /** {@code layer} cut at each gap with probability 1/2, at least once. */
    private static List<List<Integer>> randomCut(List<Integer> layer, RandomGenerator rnd) {
        boolean[] cut = new boolean[layer.size() - 1];
        boolean any = false;
        for (int g = 0; g < cut.length; g++) {
            cut[g] = rnd.nextBoolean();
            any |= cut[g];
        }
        if (!any) {
            cut[rnd.nextInt(cut.length)] = true;
        }
        List<List<Integer>> pieces = new ArrayList<>();
        int start = 0;
        for (int g = 0; g < cut.length; g++) {
            if (cut[g]) {
                pieces.add(layer.subList(start, g + 1));
                start = g + 1;
            }
        }
        pieces.add(layer.subList(start, layer.size()));
        return pieces;
    }

    /** {@code moves} in as few blocks of at most {@link #MAX_PLANS} as possible, of even sizes. */
    private static List<List<Integer>> even(List<Integer> moves) {
        int parts = (moves.size() + MAX_PLANS - 1) / MAX_PLANS;
        List<List<Integer>> out = new ArrayList<>();
        for (int p = 0, start = 0; p < parts; p++) {
            int size = (moves.size() - start) / (parts - p);
            out.add(List.copyOf(moves.subList(start, start + size)));
            start += size;
        }
        return out;
    }

    private static void block(StringBuilder sb, List<Move> block, String conclusion) {
        sb.append(GUIDELINE_OPEN).append('\n');
        for (int i = 0; i < block.size(); i++) {
            sb.append(PLAN_OPEN).append(i + 1).append(": ").append(block.get(i).plan()).append(PLAN_CLOSE).append('\n');
        }
        sb.append(GUIDELINE_CLOSE).append('\n');
        for (int i = 0; i < block.size(); i++) {
            sb.append(STEP_OPEN).append(i + 1).append(": ").append(block.get(i).work()).append(STEP_CLOSE).append('\n');
        }
        sb.append(TAKEAWAY_OPEN).append(summary(block, conclusion)).append(TAKEAWAY_CLOSE).append('\n');
    }

    /** {@code So r1; r2; ...; conclusion.} */
    private static String summary(List<Move> moves, String conclusion) {
        return "So " + moves.stream().map(Move::result).collect(Collectors.joining("; "))
                + (conclusion.isEmpty() ? "" : "; " + conclusion) + ".";
    }

    private static String finalLine(Trace trace) {
        return "The answer is \\boxed{" + trace.answer() + "}.";
    }
}
