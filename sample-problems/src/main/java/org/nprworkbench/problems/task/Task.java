package org.nprworkbench.problems.task;

import java.util.List;

/**
 * A synthetic task family: a seeded generator with difficulty knobs, and an exact verifier. Problems
 * fall into train, val and test by content ({@link SplitPartition}), so a test problem can never be
 * generated for training.
 */
public interface Task extends Verifier {
    /** Difficulty levels run from 1 (a problem plus its NPR solution fits in ~400 characters) to this. */
    int MAX_DIFFICULTY = 5;

    /** One line on what the family asks. */
    String description();

    /** How answers are written inside {@code \boxed{}} and what the verifier accepts. */
    String answerFormat();

    /** The difficulty knobs, with their ranges and per-level values. */
    List<Knob> knobs();

    /**
     * {@code n} distinct problems of {@code split}, reproducible from {@code seed} and {@code knobs}.
     * When the knobs leave fewer than {@code n} distinct problems in the split, that is bad input.
     */
    List<Problem> generate(Split split, int n, long seed, Knobs knobs);

    /** {@code n} problems at difficulty {@code level} with the family's default knobs. */
    default List<Problem> generate(Split split, int n, long seed, int level) {
        return generate(split, n, seed, Knobs.of(this, level));
    }

    /** Whether {@code answer}, an answer already taken out of {@code \boxed{}}, solves the problem. */
    boolean accepts(String problemText, String answer);
}
