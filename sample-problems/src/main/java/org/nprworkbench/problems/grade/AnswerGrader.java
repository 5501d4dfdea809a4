package org.nprworkbench.problems.grade;

import java.util.Optional;

/**
 * The math answer grader (npr-method.md §7.4): extract the final answer of a response
 * ({@link AnswerExtractor}), normalise it and the reference ({@link AnswerNormalizer}), and compare
 * ({@link AnswerEquivalence}). Symbolic equivalence of expressions with variables is out of reach; see
 * {@link AnswerEquivalence} for exactly what is and is not recognised.
 */
public final class AnswerGrader {
    private AnswerGrader() {
    }

    /** Whether {@code response}'s final answer equals {@code reference}. No answer is wrong. */
    public static boolean isCorrect(String response, String reference) {
        return AnswerExtractor.extract(response).map(a -> equivalent(a, reference)).orElse(false);
    }

    /**
     * Whether an already-extracted {@code answer} equals {@code reference}. A reference that itself
     * contains {@code \boxed{}} (some data sets store it so) is unwrapped first.
     */
    public static boolean equivalent(String answer, String reference) {
        if (answer == null || reference == null) {
            return false;
        }
        String ref = reference.contains("\\boxed") ? AnswerExtractor.lastBoxed(reference).orElse(reference) : reference;
        return AnswerEquivalence.equal(AnswerNormalizer.normalize(answer), AnswerNormalizer.normalize(ref));
    }

    /** The normalised answer of {@code response}, for display; empty when there is none. */
    public static Optional<String> normalizedAnswer(String response) {
        return AnswerExtractor.extract(response).map(AnswerNormalizer::normalize);
    }
}
