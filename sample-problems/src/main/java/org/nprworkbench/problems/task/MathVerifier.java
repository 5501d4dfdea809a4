package org.nprworkbench.problems.task;

import org.nprworkbench.problems.grade.AnswerGrader;

/**
 * The verifier of task {@code math} (benchmark problems): the response's extracted answer is graded
 * against the reference answer by {@link AnswerGrader}; the problem text is not used.
 */
public final class MathVerifier implements Verifier {
    public static final String NAME = "math";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean verify(String problemText, String referenceAnswer, String response) {
        return AnswerGrader.isCorrect(response, referenceAnswer);
    }
}
