package org.nprworkbench.problems.seed;

import org.nprworkbench.problems.task.Problem;

/**
 * One seed-corpus training example: a training-split problem and a programmatic solution to it.
 *
 * @param problem the problem
 * @param style how the solution is written
 * @param solution the solution text, ending with {@code The answer is \boxed{...}.}
 */
public record SeedExample(Problem problem, SolutionStyle style, String solution) {
}
