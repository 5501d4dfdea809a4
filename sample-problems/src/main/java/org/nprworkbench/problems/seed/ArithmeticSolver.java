package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.nprworkbench.problems.task.ArithmeticTask;
import org.nprworkbench.problems.task.SumOfProducts;

/**
 * Solves {@code arithmetic}: one independent move per product (written out by partial products when
 * both factors are beyond the times table), then one of three reductions, chosen at random: one move
 * that combines all products; a running total, one move per addition or subtraction; or a tree, the
 * products combined in pairs by independent moves and the pair sums combined by a last move. Every
 * reduction move needs the moves whose results it adds, so it never shares a block with them.
 */
final class ArithmeticSolver implements SequentialSolver {
    /** Factors up to this are times-table facts, multiplied in one go. */
    private static final long TIMES_TABLE = 12;

    @Override
    public String task() {
        return ArithmeticTask.NAME;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        SumOfProducts p = SumOfProducts.parse(problemText);
        List<SumOfProducts.Term> terms = p.terms();
        List<Move> moves = new ArrayList<>();
        for (SumOfProducts.Term t : terms) {
            moves.add(new Move("Compute " + t.factors() + ".", product(t.a(), t.b()) + ".",
                    t.factors() + "=" + t.product()));
        }
        List<Long> signed = terms.stream().map(t -> t.sign() * t.product()).toList();
        int reduction = terms.size() == 2 ? 0 : rnd.nextInt(3);
        if (reduction == 0) {
            String sum = signedSum(signed);
            moves.add(new Move("Combine the products.", sum + " = " + p.value() + ".", "total " + p.value(),
                    IntStream.range(0, terms.size()).boxed().toList()));
        } else if (reduction == 1) {
            long total = signed.get(0);
            int last = 0;
            for (int k = 1; k < terms.size(); k++) {
                long next = total + signed.get(k);
                String op = signedSum(List.of(total, signed.get(k)));
                moves.add(new Move((signed.get(k) >= 0 ? "Add " : "Subtract ") + terms.get(k).product() + ".",
                        op + " = " + next + ".", op + "=" + next, List.of(last, k)));
                last = moves.size() - 1;
                total = next;
            }
        } else {
            List<Long> partials = new ArrayList<>();
            List<Integer> partialMoves = new ArrayList<>();
            for (int k = 0; k < terms.size(); k += 2) {
                if (k + 1 == terms.size()) {
                    partials.add(signed.get(k));
                    partialMoves.add(k);
                    continue;
                }
                long v = signed.get(k) + signed.get(k + 1);
                String op = signedSum(List.of(signed.get(k), signed.get(k + 1)));
                moves.add(new Move("Combine terms " + (k + 1) + " and " + (k + 2) + ".", op + " = " + v + ".",
                        op + "=" + v, List.of(k, k + 1)));
                partials.add(v);
                partialMoves.add(moves.size() - 1);
            }
            String sum = signedSum(partials);
            moves.add(new Move("Combine the partial sums.", sum + " = " + p.value() + ".", "total " + p.value(),
                    partialMoves));
        }
        return new Trace(moves, Long.toString(p.value()));
    }

    /** {@code a*b = ...}: one product, or by partial products over the place values of {@code b}. */
    private static String product(long a, long b) {
        String head = a + "*" + b + " = ";
        if (a <= TIMES_TABLE || b <= TIMES_TABLE) {
            return head + a * b;
        }
        List<Long> parts = new ArrayList<>();
        for (long place = 1, rest = b; rest > 0; place *= 10, rest /= 10) {
            if (rest % 10 != 0) {
                parts.add(0, rest % 10 * place);
            }
        }
        if (parts.size() == 1) {
            return head + a * b;
        }
        StringBuilder split = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (long part : parts) {
            split.append(split.length() == 0 ? "" : "+").append(a).append('*').append(part);
            values.append(values.length() == 0 ? "" : "+").append(a * part);
        }
        return head + split + " = " + values + " = " + a * b;
    }

    /** {@code 12+30-14}: signed values as one sum. */
    private static String signedSum(List<Long> values) {
        StringBuilder sb = new StringBuilder().append(values.get(0));
        for (long v : values.subList(1, values.size())) {
            sb.append(v >= 0 ? "+" : "-").append(Math.abs(v));
        }
        return sb.toString();
    }
}
