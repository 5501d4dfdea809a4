package org.nprworkbench.problems.seed;

import java.util.random.RandomGenerator;

/**
 * A programmatic solver for one task family that works one move at a time, as a sequential reasoner
 * would, and records which earlier results each move uses. {@code rnd} varies the order and the
 * detours it takes, never the correctness of its answer.
 */
public interface SequentialSolver {
    /** Share of independent moves written as one parallel block, not split into a chain; see {@link SolutionWriter}. */
    double DEFAULT_PARALLEL_SHARE = 0.75;

    /** The family it solves. */
    String task();

    /** Its trace on the problem whose text is {@code problemText}. */
    Trace solve(String problemText, RandomGenerator rnd);

    /** The probability that a set of independent moves goes into one block (else it is split). */
    default double parallelShare() {
        return DEFAULT_PARALLEL_SHARE;
    }
}
