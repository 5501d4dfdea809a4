package org.nprworkbench.app.gui.compare;

import java.util.List;

import org.nprworkbench.problems.task.Problem;

/**
 * One problem and sample of a comparison with every checkpoint's answer, in checkpoint order.
 *
 * @param index   the problem's position in the problem set (0-based)
 * @param sample  the sample index (seed = the comparison's seed + sample)
 * @param answers one answer per checkpoint
 */
public record ComparedProblem(int index, int sample, Problem problem, List<ComparedAnswer> answers) {
    public ComparedProblem {
        answers = List.copyOf(answers);
    }

    /** The answer of checkpoint {@code i}. */
    public ComparedAnswer answer(int i) {
        return answers.get(i);
    }
}
