package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.nprworkbench.problems.task.CandidateQuestion;
import org.nprworkbench.problems.task.CandidatesTask;

/**
 * Solves {@code candidates}: one independent move per candidate in the order given, each a full check
 * written as equations: trial division by every prime up to the square root for primes (stopping at
 * the smallest factor of a composite), quotient and remainder for divisibility, the neighbouring
 * squares for squares.
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
            case PRIME -> trialDivision(n);
            case DIVISIBLE -> n + " = " + q.divisor() + "*" + n / q.divisor()
                    + (yes ? ", divisible." : "+" + n % q.divisor() + ", not divisible.");
            case SQUARE -> {
                long r = 1;
                while ((r + 1) * (r + 1) <= n) {
                    r++;
                }
                yield yes ? n + " = " + r + "*" + r + ", a square."
                        : n + " > " + r + "*" + r + " = " + r * r + " and " + n + " < " + (r + 1) + "*" + (r + 1)
                                + " = " + (r + 1) * (r + 1) + ", not a square.";
            }
        };
    }

    /**
     * {@code 97 = 2*48+1 = 3*32+1 = 5*19+2 = 7*13+6; 97 < 10*10, prime.} or, at the smallest prime
     * factor, {@code 91 = 2*45+1 = 3*30+1 = 5*18+1 = 7*13, not prime.}
     */
    private static String trialDivision(long n) {
        StringBuilder sb = new StringBuilder().append(n);
        long p = 2;
        for (; p * p <= n; p = nextPrime(p)) {
            sb.append(" = ").append(p).append('*').append(n / p);
            if (n % p == 0) {
                return sb.append(", not prime.").toString();
            }
            sb.append('+').append(n % p);
        }
        long r = 1;
        while (r * r <= n) {
            r++;
        }
        return sb.append("; ").append(n).append(" < ").append(r).append('*').append(r).append(", prime.").toString();
    }

    private static long nextPrime(long p) {
        long c = p + 1;
        while (!CandidateQuestion.isPrime(c)) {
            c++;
        }
        return c;
    }
}
