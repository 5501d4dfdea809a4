package org.nprworkbench.problems.task;

/**
 * One concrete problem of a synthetic family, parsed from (or rendered to) its text. The seed-corpus
 * solvers work on these.
 */
public interface TaskInstance {
    /** The problem text a model reads. */
    String text();

    /** The reference answer, in the family's answer format. */
    String answer();

    /** The canonical content key that decides the split (equal for problems that only reorder). */
    String key();

    /** Whether {@code answer}, already taken out of {@code \boxed{}}, is a correct answer. */
    boolean accepts(String answer);
}
