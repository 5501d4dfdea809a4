package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.nprworkbench.problems.task.CrossCheckProduct;
import org.nprworkbench.problems.task.CrossCheckTask;

/**
 * Solves {@code crosscheck}: as many of three decompositions as the problem asks for, in a random
 * order, each an independent move from the problem alone: split the second factor into its leading
 * part and the rest, split the first factor the same way, or round the second factor up to a multiple
 * of ten and subtract. The conclusion compares them.
 */
final class CrossCheckSolver implements SequentialSolver {
    @Override
    public String task() {
        return CrossCheckTask.NAME;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        CrossCheckProduct p = CrossCheckProduct.parse(problemText);
        List<Integer> methods = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(methods, new Random(rnd.nextLong()));
        List<Move> moves = new ArrayList<>();
        for (int m : methods.subList(0, p.ways())) {
            moves.add(switch (m) {
                case 0 -> split(p.a(), p.b(), false);
                case 1 -> split(p.b(), p.a(), true);
                default -> roundUp(p.a(), p.b());
            });
        }
        return new Trace(moves, "all " + p.ways() + " ways give " + p.product(), Long.toString(p.product()));
    }

    /** {@code x*y} with {@code y} split into its leading part and the rest. */
    private static Move split(long x, long y, boolean splitFirst) {
        long lead = leadingPart(y);
        long rest = y - lead;
        String l = splitFirst ? lead + "*" + x : x + "*" + lead;
        String r = splitFirst ? rest + "*" + x : x + "*" + rest;
        return new Move("Split " + y + " as " + lead + "+" + rest + ".",
                l + "+" + r + " = " + x * lead + "+" + x * rest + " = " + x * y + ".",
                l + "+" + r + "=" + x * y);
    }

    private static Move roundUp(long x, long y) {
        long up = (y / 10 + 1) * 10;
        long down = up - y;
        return new Move("Use " + y + " = " + up + "-" + down + ".",
                x + "*" + up + "-" + x + "*" + down + " = " + x * up + "-" + x * down + " = " + x * y + ".",
                x + "*" + up + "-" + x + "*" + down + "=" + x * y);
    }

    private static long leadingPart(long y) {
        long place = 1;
        while (place * 10 <= y) {
            place *= 10;
        }
        return y / place * place;
    }
}
