package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Exhaustive depth-first search for Countdown: combine two of the numbers with one operation (keeping
 * every intermediate a positive integer, as in the game) until the target appears. States already
 * shown to be dead are remembered, so six numbers are searched in milliseconds.
 */
public final class CountdownSearch {
    private final long target;
    private final Set<String> dead = new HashSet<>();

    /** One operation on two of the current numbers, written with the larger one first. */
    public record Move(long a, char op, long b, long result) {
        /** {@code a op b = result}, e.g. {@code 7-3=4}. */
        public String text() {
            return a + String.valueOf(op) + b + "=" + result;
        }
    }

    /**
     * A way to reach the target.
     *
     * @param moves the operations in order
     * @param expression the same as one expression with minimal parentheses, e.g. {@code 3*5+7}
     */
    public record Solution(List<Move> moves, String expression) {
    }

    /** A search for {@code target}; it remembers dead states across calls. */
    public CountdownSearch(long target) {
        this.target = target;
    }

    /** A solution for {@code numbers} and {@code target}, if one exists. */
    public static Optional<Solution> solve(List<Long> numbers, long target) {
        return new CountdownSearch(target).solve(numbers);
    }

    /** A solution for {@code numbers}, if one exists. */
    public Optional<Solution> solve(List<Long> numbers) {
        List<Expr> start = numbers.stream().map(Expr::leaf).toList();
        return Optional.ofNullable(search(start, new ArrayList<>()));
    }

    /** A solution for {@code numbers} that starts with {@code first}, if one exists. */
    public Optional<Solution> solveAfter(List<Long> numbers, Move first) {
        List<Expr> start = numbers.stream().map(Expr::leaf).toList();
        List<Move> path = new ArrayList<>(List.of(first));
        return Optional.ofNullable(search(apply(start, first), path));
    }

    /** The numbers left after {@code move}. */
    public static List<Long> after(List<Long> numbers, Move move) {
        return apply(numbers.stream().map(Expr::leaf).toList(), move).stream().map(Expr::value).toList();
    }

    /** Every legal operation on two of {@code numbers} (each pair of values once). */
    public static List<Move> moves(List<Long> numbers) {
        List<Move> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            for (int j = i + 1; j < numbers.size(); j++) {
                long big = Math.max(numbers.get(i), numbers.get(j));
                long small = Math.min(numbers.get(i), numbers.get(j));
                if (!seen.add(big + "," + small)) {
                    continue;
                }
                out.add(new Move(big, '+', small, big + small));
                if (big > small) {
                    out.add(new Move(big, '-', small, big - small));
                }
                if (small > 1) {
                    out.add(new Move(big, '*', small, big * small));
                    if (big % small == 0) {
                        out.add(new Move(big, '/', small, big / small));
                    }
                }
            }
        }
        return out;
    }

    private Solution search(List<Expr> state, List<Move> path) {
        for (Expr e : state) {
            if (e.value() == target) {
                return new Solution(List.copyOf(path), e.text());
            }
        }
        if (state.size() < 2) {
            return null;
        }
        String key = key(state);
        if (dead.contains(key)) {
            return null;
        }
        for (Move m : moves(state.stream().map(Expr::value).toList())) {
            path.add(m);
            Solution s = search(apply(state, m), path);
            if (s != null) {
                return s;
            }
            path.remove(path.size() - 1);
        }
        dead.add(key);
        return null;
    }

    private static String key(List<Expr> state) {
        long[] v = new long[state.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = state.get(i).value();
        }
        Arrays.sort(v);
        StringBuilder sb = new StringBuilder();
        for (long x : v) {
            sb.append(x).append(',');
        }
        return sb.toString();
    }

    private static List<Expr> apply(List<Expr> state, Move m) {
        List<Expr> next = new ArrayList<>(state);
        Expr a = take(next, m.a());
        Expr b = take(next, m.b());
        next.add(new Expr(m.result(), m.op(), a, b));
        return next;
    }

    private static Expr take(List<Expr> state, long value) {
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).value() == value) {
                return state.remove(i);
            }
        }
        throw new IllegalArgumentException("no " + value + " among " + state);
    }

    /** An expression tree node: a number, or {@code left op right}. */
    private record Expr(long value, char op, Expr left, Expr right) {
        static Expr leaf(long v) {
            return new Expr(v, ' ', null, null);
        }

        int precedence() {
            return op == '+' || op == '-' ? 1 : op == ' ' ? 3 : 2;
        }

        String text() {
            if (left == null) {
                return Long.toString(value);
            }
            String l = left.precedence() < precedence() ? "(" + left.text() + ")" : left.text();
            boolean wrapRight = right.precedence() < precedence()
                    || right.precedence() == precedence() && (op == '-' || op == '/');
            return l + op + (wrapRight ? "(" + right.text() + ")" : right.text());
        }
    }
}
