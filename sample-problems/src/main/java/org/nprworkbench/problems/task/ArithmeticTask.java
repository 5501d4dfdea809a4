package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Family {@code arithmetic}: evaluate a signed sum of products such as {@code (3*4)+(5*6)-(2*7)}. The
 * products are independent sub-problems (one plan each); combining them is the reduce step.
 */
public final class ArithmeticTask extends GeneratedTask<SumOfProducts> {
    public static final String NAME = "arithmetic";

    private static final List<Knob> KNOBS = List.of(
            new Knob("terms", "number of products", 2, 6, List.of(2, 3, 3, 4, 5)),
            new Knob("max", "largest factor (factors are drawn from 2 to max)", 5, 999,
                    List.of(12, 12, 30, 99, 99)));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "evaluate a signed sum of products, e.g. Compute (3*4)+(5*6)-(2*7).";
    }

    @Override
    public String answerFormat() {
        return "an integer, e.g. \\boxed{28} or \\boxed{-14}; thousands commas allowed";
    }

    @Override
    public List<Knob> knobs() {
        return KNOBS;
    }

    @Override
    protected SumOfProducts draw(RandomGenerator rnd, Knobs knobs) {
        int n = knobs.get("terms");
        long hi = knobs.get("max");
        List<SumOfProducts.Term> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int sign = i == 0 || rnd.nextBoolean() ? 1 : -1;
            terms.add(new SumOfProducts.Term(sign, rnd.nextLong(2, hi + 1), rnd.nextLong(2, hi + 1)));
        }
        return new SumOfProducts(terms);
    }

    @Override
    public SumOfProducts parse(String text) {
        return SumOfProducts.parse(text);
    }
}
