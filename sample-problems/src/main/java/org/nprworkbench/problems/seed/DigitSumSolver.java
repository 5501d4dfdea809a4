package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.nprworkbench.problems.task.DigitSumItems;
import org.nprworkbench.problems.task.DigitSumTask;

/**
 * Solves {@code digitsum}: one independent move per number, planned as the number itself, worked as a
 * digit-by-digit running sum ({@code 4738: 4+7=11, 11+3=14, 14+8=22.}), its result the digit sum; the
 * conclusion takes the largest. Always one parallel block: every item is independent, and the
 * per-item steps are where the work, and so the parallel speedup, is.
 */
final class DigitSumSolver implements SequentialSolver {
    @Override
    public String task() {
        return DigitSumTask.NAME;
    }

    @Override
    public double parallelShare() {
        return 1.0;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        DigitSumItems p = DigitSumItems.parse(problemText);
        List<Move> moves = new ArrayList<>();
        for (String item : p.items()) {
            moves.add(new Move(item, item + ": " + runningSum(item) + ".", Integer.toString(DigitSumItems.digitSum(item))));
        }
        return new Trace(moves, "the largest is " + p.largest(), p.answer());
    }

    /** {@code 4+7=11, 11+3=14, 14+8=22}: each digit added to the sum so far. */
    static String runningSum(String item) {
        StringBuilder sb = new StringBuilder();
        int sum = item.charAt(0) - '0';
        for (int i = 1; i < item.length(); i++) {
            int d = item.charAt(i) - '0';
            sb.append(i == 1 ? "" : ", ").append(sum).append('+').append(d).append('=').append(sum + d);
            sum += d;
        }
        return sb.toString();
    }
}
