package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.nprworkbench.problems.task.CandidateQuestion;
import org.nprworkbench.problems.task.CandidatesTask;

/**
 * Solves {@code candidates}: one move per candidate in the order given, each a self-contained check
 * (smallest factor or trial division bound for primes, quotient and remainder for divisibility,
 * neighbouring squares for squares).
 */
final class CandidatesSolver implements SequentialSolver {
    @Override
    public String task() {
        return CandidatesTask.NAME;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        CandidateQuestion q = CandidateQuestion.parse(problemText);
        List<Move> moves = new ArrayList<>();
        for (long n : q.numbers()) {
            boolean yes = q.holds(n);
            moves.add(new Move("Check " + n + ".", check(q, n, yes), n + (yes ? " yes" : " no")));
        }
        return new Trace(moves, q.answer());
    }

    private static String check(CandidateQuestion q, long n, boolean yes) {
        return switch (q.property()) {
            case PRIME -> {
                long r = (long) Math.floor(Math.sqrt((double) n));
                long p = 2;
                while (!yes && n % p != 0) {
                    p++;
                }
                yield yes ? n + ": no prime up to " + r + " divides it, so prime."
                        : n + " = " + p + "*" + n / p + ", not prime.";
            }
            case DIVISIBLE -> yes ? n + " = " + q.divisor() + "*" + n / q.divisor() + ", divisible."
                    : n + " = " + q.divisor() + "*" + n / q.divisor() + "+" + n % q.divisor() + ", not divisible.";
            case SQUARE -> {
                long r = (long) Math.floor(Math.sqrt((double) n));
                if (r * r > n) {
                    r--;
                }
                yield yes ? n + " = " + r + "^2, a square."
                        : n + " is between " + r + "^2=" + r * r + " and " + (r + 1) + "^2=" + (r + 1) * (r + 1)
                                + ", not a square.";
            }
        };
    }
}
