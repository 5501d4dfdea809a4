package org.nprworkbench.problems.seed;

import static org.nprworkbench.tags.NprTags.GUIDELINE_CLOSE;
import static org.nprworkbench.tags.NprTags.GUIDELINE_OPEN;
import static org.nprworkbench.tags.NprTags.PLAN_CLOSE;
import static org.nprworkbench.tags.NprTags.PLAN_OPEN;
import static org.nprworkbench.tags.NprTags.STEP_CLOSE;
import static org.nprworkbench.tags.NprTags.STEP_OPEN;
import static org.nprworkbench.tags.NprTags.TAKEAWAY_CLOSE;
import static org.nprworkbench.tags.NprTags.TAKEAWAY_OPEN;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Writes a {@link Trace} as solution text. NPR style uses exactly the canonical layout the engine and
 * the parallel attention mask expect:
 * <pre>
 * &lt;guideline&gt;\n&lt;plan&gt;1: ...&lt;/plan&gt;\n...&lt;/guideline&gt;\n&lt;step&gt;1: ...&lt;/step&gt;\n...&lt;takeaway&gt;...&lt;/takeaway&gt;\n
 * </pre>
 * repeated per block, then {@code The answer is \boxed{...}.}. The moves are cut into consecutive
 * blocks of a random size from 1 to {@code maxPlans}; the cut ignores dependencies, so a step may use
 * a sibling's result (the "simulated parallelism" of NPR-Zero). Nothing is selected for branch
 * independence.
 */
public final class SolutionWriter {
    /** The most plans per block the engine will fork (npr-method.md §1.2). */
    public static final int MAX_PLANS = 5;

    private SolutionWriter() {
    }

    /** {@code trace} as chain of thought: one line per move, then the boxed answer. */
    public static String cot(Trace trace) {
        return trace.moves().stream().map(Move::work).collect(Collectors.joining("\n")) + "\n" + finalLine(trace);
    }

    /** {@code trace} in NPR tags, with block sizes drawn from 1..{@code maxPlans} by {@code rnd}. */
    public static String npr(Trace trace, RandomGenerator rnd, int maxPlans) {
        if (maxPlans < 1 || maxPlans > MAX_PLANS) {
            throw new IllegalArgumentException("maxPlans must be 1.." + MAX_PLANS);
        }
        StringBuilder sb = new StringBuilder();
        List<Move> moves = trace.moves();
        for (int start = 0; start < moves.size();) {
            int size = rnd.nextInt(1, Math.min(maxPlans, moves.size() - start) + 1);
            block(sb, moves.subList(start, start + size));
            start += size;
        }
        return sb.append(finalLine(trace)).toString();
    }

    private static void block(StringBuilder sb, List<Move> block) {
        sb.append(GUIDELINE_OPEN).append('\n');
        for (int i = 0; i < block.size(); i++) {
            sb.append(PLAN_OPEN).append(i + 1).append(": ").append(block.get(i).plan()).append(PLAN_CLOSE).append('\n');
        }
        sb.append(GUIDELINE_CLOSE).append('\n');
        for (int i = 0; i < block.size(); i++) {
            sb.append(STEP_OPEN).append(i + 1).append(": ").append(block.get(i).work()).append(STEP_CLOSE).append('\n');
        }
        sb.append(TAKEAWAY_OPEN).append("So ")
                .append(block.stream().map(Move::result).collect(Collectors.joining("; "))).append('.')
                .append(TAKEAWAY_CLOSE).append('\n');
    }

    private static String finalLine(Trace trace) {
        return "The answer is \\boxed{" + trace.answer() + "}.";
    }
}
