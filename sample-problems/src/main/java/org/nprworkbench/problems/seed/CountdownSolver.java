package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.nprworkbench.problems.task.CountdownPuzzle;
import org.nprworkbench.problems.task.CountdownSearch;
import org.nprworkbench.problems.task.CountdownTask;

/**
 * Solves {@code countdown} by trying first moves in a random order, each settled by exhaustive search
 * of what it leaves: a dead end is reported as such, the first move that works is written out to the
 * target. At most {@code numbers - 2} dead ends are shown.
 */
final class CountdownSolver implements SequentialSolver {
    @Override
    public String task() {
        return CountdownTask.NAME;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        CountdownPuzzle p = CountdownPuzzle.parse(problemText);
        List<CountdownSearch.Move> firsts = new ArrayList<>(CountdownSearch.moves(p.numbers()));
        Collections.shuffle(firsts, new Random(rnd.nextLong()));
        int maxDeadEnds = rnd.nextInt(0, p.numbers().size() - 1);
        CountdownSearch search = new CountdownSearch(p.target());
        List<Move> deadEnds = new ArrayList<>();
        for (CountdownSearch.Move first : firsts) {
            Optional<CountdownSearch.Solution> s = search.solveAfter(p.numbers(), first);
            if (s.isPresent()) {
                List<Move> moves = new ArrayList<>(deadEnds.subList(0, Math.min(maxDeadEnds, deadEnds.size())));
                moves.add(success(p, s.get()));
                return new Trace(moves, s.get().expression());
            }
            deadEnds.add(new Move("Try " + opText(first) + ".", first.text() + ", left " + left(p, first)
                    + ": no way to " + p.target() + ".", opText(first) + " fails"));
        }
        throw new IllegalArgumentException("unsolvable countdown problem: " + problemText);
    }

    private static Move success(CountdownPuzzle p, CountdownSearch.Solution s) {
        CountdownSearch.Move first = s.moves().get(0);
        List<CountdownSearch.Move> rest = s.moves().subList(1, s.moves().size());
        String work = rest.isEmpty() ? first.text() + ", the target."
                : first.text() + ", left " + left(p, first) + ": "
                        + rest.stream().map(CountdownSearch.Move::text).collect(Collectors.joining(", ")) + ".";
        return new Move("Try " + opText(first) + ".", work, s.expression() + "=" + p.target() + " works");
    }

    private static String opText(CountdownSearch.Move m) {
        return m.a() + String.valueOf(m.op()) + m.b();
    }

    private static String left(CountdownPuzzle p, CountdownSearch.Move first) {
        return CountdownSearch.after(p.numbers(), first).stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
