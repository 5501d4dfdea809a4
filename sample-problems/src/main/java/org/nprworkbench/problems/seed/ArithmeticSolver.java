package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.nprworkbench.problems.task.ArithmeticTask;
import org.nprworkbench.problems.task.SumOfProducts;

/**
 * Solves {@code arithmetic}: one move per product, then either one move that combines all products or
 * a running total, one move per addition or subtraction (chosen at random).
 */
final class ArithmeticSolver implements SequentialSolver {
    @Override
    public String task() {
        return ArithmeticTask.NAME;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        SumOfProducts p = SumOfProducts.parse(problemText);
        List<Move> moves = new ArrayList<>();
        for (SumOfProducts.Term t : p.terms()) {
            moves.add(new Move("Compute " + t.factors() + ".", t.factors() + " = " + t.product() + ".",
                    t.factors() + "=" + t.product()));
        }
        if (rnd.nextBoolean()) {
            StringBuilder sum = new StringBuilder();
            for (SumOfProducts.Term t : p.terms()) {
                sum.append(sum.length() == 0 ? "" : t.sign() > 0 ? "+" : "-").append(t.product());
            }
            moves.add(new Move("Combine them.", sum + " = " + p.value() + ".", "total " + p.value()));
        } else {
            long total = p.terms().get(0).product();
            for (SumOfProducts.Term t : p.terms().subList(1, p.terms().size())) {
                long next = total + t.sign() * t.product();
                String op = total + (t.sign() > 0 ? "+" : "-") + t.product();
                moves.add(new Move((t.sign() > 0 ? "Add " : "Subtract ") + t.product() + ".", op + " = " + next + ".",
                        op + "=" + next));
                total = next;
            }
        }
        return new Trace(moves, Long.toString(p.value()));
    }
}
