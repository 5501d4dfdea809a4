package org.nprworkbench.trainer.reward;

import org.nprworkbench.engine.schema.FormatScore;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.TaskRegistry;

/**
 * Rewards a response: correctness from the problem's task verifier, the text format score from the
 * engine's {@link FormatScore}, the {@link RewardRule}'s score, then the overlong shaping.
 *
 * @param rule     how correctness and format combine
 * @param overlong the overlong shaping added on top ({@link OverlongShaping#off()} for none)
 */
public record RewardFunction(RewardRule rule, OverlongShaping overlong) {

    /**
     * What a response earned.
     *
     * @param correct     the verifier's verdict
     * @param formatScore the text format score in [-2, 0]
     * @param score       the rule's score (what dynamic sampling filters on, as verl's {@code score})
     * @param reward      score plus the overlong penalty (what advantages are computed from)
     */
    public record Reward(boolean correct, double formatScore, double score, double reward) {
    }

    /** PAPO's reward: accuracy only, no shaping. */
    public static RewardFunction papo() {
        return new RewardFunction(RewardRule.PAPO_ACCURACY, OverlongShaping.off());
    }

    /**
     * Rewards {@code text} (the response as text, without eos) of {@code length} tokens (the trained
     * response length, eos included) as an answer to {@code problem}.
     */
    public Reward evaluate(Problem problem, String text, int length) {
        boolean correct = TaskRegistry.verifier(problem.task()).verify(problem, text);
        double format = FormatScore.score(text).score();
        double score = rule.score(correct, format, text.isEmpty());
        return new Reward(correct, format, score, score + overlong.penalty(length));
    }
}
