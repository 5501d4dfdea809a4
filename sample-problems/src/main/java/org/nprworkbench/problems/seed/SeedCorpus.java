package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;

/**
 * The programmatic seed corpus a tiny model first learns from (a documented deviation from the paper,
 * which starts from an instruct model; npr-method.md §8.2). For every synthetic family a sequential
 * solver writes a trace of moves that name the earlier results they use, and the trace is written
 * either as plain chain of thought or in the NPR tags, with independent moves as parallel plans of one
 * block and dependent moves in later blocks ({@link SolutionWriter}): no step ever uses a sibling's
 * result. Examples are drawn from the training split only.
 */
public final class SeedCorpus {
    private static final Map<String, SequentialSolver> SOLVERS = Stream.of(
            new ArithmeticSolver(), new CountdownSolver(), new CandidatesSolver(), new CrossCheckSolver(),
            new DigitSumSolver())
            .collect(Collectors.toMap(SequentialSolver::task, Function.identity()));

    private SeedCorpus() {
    }

    /** The solver's trace on {@code problem}; a problem of a family without a solver is bad input. */
    public static Trace trace(Problem problem, RandomGenerator rnd) {
        SequentialSolver solver = SOLVERS.get(problem.task());
        if (solver == null) {
            throw new BadInputException("no programmatic solver for task \"" + problem.task()
                    + "\"; seed solutions exist for " + SOLVERS.keySet().stream().sorted().toList());
        }
        return solver.solve(problem.text(), rnd);
    }

    /** One solution to {@code problem} in {@code style}, varied by {@code rnd}. */
    public static String solution(Problem problem, SolutionStyle style, RandomGenerator rnd) {
        Trace t = trace(problem, rnd);
        return style == SolutionStyle.COT ? SolutionWriter.cot(t)
                : SolutionWriter.npr(t, rnd, SOLVERS.get(problem.task()).parallelShare());
    }

    /**
     * {@code n} examples of {@code task} at {@code knobs}, from the training split, reproducible from
     * {@code seed}; each is written in NPR style with probability {@code nprShare}, otherwise as chain
     * of thought.
     */
    public static List<SeedExample> examples(Task task, int n, long seed, Knobs knobs, double nprShare) {
        if (nprShare < 0 || nprShare > 1) {
            throw new IllegalArgumentException("nprShare must be in [0, 1]");
        }
        RandomGenerator rnd = new Random(seed);
        List<SeedExample> out = new ArrayList<>();
        for (Problem p : task.generate(Split.TRAIN, n, seed, knobs)) {
            SolutionStyle style = rnd.nextDouble() < nprShare ? SolutionStyle.NPR : SolutionStyle.COT;
            out.add(new SeedExample(p, style, solution(p, style, rnd)));
        }
        return out;
    }
}
