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
 * Solves {@code countdown} by trying first moves, each an independent move settled by exhaustive
 * search of what it leaves: 0 to {@code numbers - 2} dead ends (as many as drawn, when the first 10
 * moves of a shuffled order hold them) and one move that works, in a random order (all tries work from the problem alone, so they
 * can run side by side). A dead end that
 * leaves two numbers lists every result of combining them; one that leaves more says there is no way.
 * The working try is written out to the target.
 */
final class CountdownSolver implements SequentialSolver {
    /** First moves examined for dead ends once a working one is found (each dead end costs an exhaustive search). */
    private static final int LOOK_FOR_DEAD_ENDS = 10;

    @Override
    public String task() {
        return CountdownTask.NAME;
    }

    @Override
    public Trace solve(String problemText, RandomGenerator rnd) {
        CountdownPuzzle p = CountdownPuzzle.parse(problemText);
        List<CountdownSearch.Move> firsts = new ArrayList<>(CountdownSearch.moves(p.numbers()));
        Collections.shuffle(firsts, new Random(rnd.nextLong()));
        int deadEndsWanted = rnd.nextInt(0, p.numbers().size() - 1);
        CountdownSearch search = new CountdownSearch(p.target());
        List<Move> deadEnds = new ArrayList<>();
        Move success = null;
        String answer = null;
        for (int tried = 0; tried < firsts.size(); tried++) {
            if (success != null && (deadEnds.size() >= deadEndsWanted || tried >= LOOK_FOR_DEAD_ENDS)) {
                break;
            }
            CountdownSearch.Move first = firsts.get(tried);
            Optional<CountdownSearch.Solution> s = search.solveAfter(p.numbers(), first);
            if (s.isEmpty() && deadEnds.size() < deadEndsWanted) {
                deadEnds.add(deadEnd(p, first));
            } else if (s.isPresent() && success == null) {
                success = success(p, s.get());
                answer = s.get().expression();
            }
        }
        if (success == null) {
            throw new IllegalArgumentException("unsolvable countdown problem: " + problemText);
        }
        List<Move> moves = new ArrayList<>(deadEnds);
        moves.add(rnd.nextInt(moves.size() + 1), success);
        return new Trace(moves, answer);
    }

    private static Move deadEnd(CountdownPuzzle p, CountdownSearch.Move first) {
        List<Long> left = CountdownSearch.after(p.numbers(), first);
        String tail = left.size() == 2
                ? CountdownSearch.moves(left).stream().map(CountdownSearch.Move::text).collect(Collectors.joining(", "))
                        + ", no " + p.target() + "."
                : "no way to " + p.target() + ".";
        return new Move("Try " + opText(first) + ".", first.text() + ", left " + list(left) + ": " + tail,
                opText(first) + " fails");
    }

    private static Move success(CountdownPuzzle p, CountdownSearch.Solution s) {
        CountdownSearch.Move first = s.moves().get(0);
        List<CountdownSearch.Move> rest = s.moves().subList(1, s.moves().size());
        String work = rest.isEmpty() ? first.text() + ", the target."
                : first.text() + ", left " + list(CountdownSearch.after(p.numbers(), first)) + ": "
                        + rest.stream().map(CountdownSearch.Move::text).collect(Collectors.joining(", ")) + ".";
        return new Move("Try " + opText(first) + ".", work, s.expression() + "=" + p.target() + " works");
    }

    private static String opText(CountdownSearch.Move m) {
        return m.a() + String.valueOf(m.op()) + m.b();
    }

    private static String list(List<Long> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
