package org.nprworkbench.problems.task;

/**
 * Decides whether a model's response answers a problem correctly. The synthetic families verify
 * exactly from the problem text; {@code math} grades against the reference answer.
 */
public interface Verifier {
    /** The task name this verifier serves. */
    String name();

    /**
     * Whether {@code response} (a full model response) answers the problem. The synthetic families read
     * the answer from the last non-empty {@code \boxed{}} only; {@code math} extracts it with every
     * fallback of {@link org.nprworkbench.problems.grade.AnswerExtractor}. A problem text or reference
     * answer that does not belong to this task is bad input.
     */
    boolean verify(String problemText, String referenceAnswer, String response);

    /** Whether {@code response} answers {@code problem}. */
    default boolean verify(Problem problem, String response) {
        return verify(problem.text(), problem.answer(), response);
    }
}
