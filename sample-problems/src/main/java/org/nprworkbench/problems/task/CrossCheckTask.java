package org.nprworkbench.problems.task;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Family {@code crosscheck}: compute one product and confirm it by two or three independent
 * decompositions, the "multi-angle verifier" pattern the paper observes in final blocks. Factors never
 * end in 0, so every decomposition is a real one.
 */
public final class CrossCheckTask extends GeneratedTask<CrossCheckProduct> {
    public static final String NAME = "crosscheck";

    private static final List<Knob> KNOBS = List.of(
            new Knob("digits", "digits per factor", 2, 4, List.of(2, 2, 3, 3, 4)),
            new Knob("ways", "how many methods must agree", 2, 3, List.of(2, 3, 2, 3, 3)));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "compute a product and check it by 2 or 3 methods, e.g. Compute 23*47 and check it 2 ways.";
    }

    @Override
    public String answerFormat() {
        return "the product as an integer, e.g. \\boxed{1081}; thousands commas allowed";
    }

    @Override
    public List<Knob> knobs() {
        return KNOBS;
    }

    @Override
    protected CrossCheckProduct draw(RandomGenerator rnd, Knobs knobs) {
        long lo = (long) Math.pow(10, knobs.get("digits") - 1) + 1;
        long hi = (long) Math.pow(10, knobs.get("digits")) - 1;
        return new CrossCheckProduct(factor(rnd, lo, hi), factor(rnd, lo, hi), knobs.get("ways"));
    }

    private static long factor(RandomGenerator rnd, long lo, long hi) {
        while (true) {
            long f = rnd.nextLong(lo, hi + 1);
            if (f % 10 != 0) {
                return f;
            }
        }
    }

    @Override
    public CrossCheckProduct parse(String text) {
        return CrossCheckProduct.parse(text);
    }
}
