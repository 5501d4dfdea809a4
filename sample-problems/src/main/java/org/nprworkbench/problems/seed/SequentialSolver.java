package org.nprworkbench.problems.seed;

import java.util.random.RandomGenerator;

/**
 * A programmatic solver for one task family that works one move at a time, as a sequential reasoner
 * would. {@code rnd} varies the order and the detours it takes, never the correctness of its answer.
 */
public interface SequentialSolver {
    /** The family it solves. */
    String task();

    /** Its trace on the problem whose text is {@code problemText}. */
    Trace solve(String problemText, RandomGenerator rnd);
}
