package org.nprworkbench.trainer.reward;

/**
 * How a response's score follows from its correctness and its text format score (§1.4 a, clamped to
 * [-2, 0]), before any overlong shaping.
 */
public enum RewardRule {
    /**
     * Stage 1 as the paper states it (§3.3, P §2.2): the format score when it is below 0, otherwise
     * +1 for a correct answer and -1 for a wrong one. An empty response scores -1.5 here (no block).
     */
    PAPER_FORMAT_ACCURACY("paper"),
    /**
     * Stage 1 as the released code runs it ({@code npr-zero math_dapo.compute_score}, the format term
     * commented out): +1 correct, -1 wrong, -2 for an empty response.
     */
    ACCURACY("accuracy"),
    /**
     * PAPO (§5.1): +1 correct, -1 otherwise. Format is enforced by dropping malformed rollouts, not by
     * the reward. (The released code gives an empty response 0; an empty response is simply wrong here.)
     */
    PAPO_ACCURACY("papo");

    private final String label;

    RewardRule(String label) {
        this.label = label;
    }

    /** The short name used in configurations: {@code paper}, {@code accuracy}, {@code papo}. */
    public String label() {
        return label;
    }

    /** The rule named {@code label}. */
    public static RewardRule of(String label) {
        for (RewardRule r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reward rule \"" + label + "\"; use paper, accuracy or papo");
    }

    /**
     * The score of one response.
     *
     * @param correct     whether the task's verifier accepts it
     * @param formatScore its text format score in [-2, 0] (0 = well formed)
     * @param empty       whether the response text is empty (eos only)
     */
    public double score(boolean correct, double formatScore, boolean empty) {
        return switch (this) {
            case PAPER_FORMAT_ACCURACY -> formatScore < 0 ? formatScore : (correct ? 1.0 : -1.0);
            case ACCURACY -> empty ? -2.0 : (correct ? 1.0 : -1.0);
            case PAPO_ACCURACY -> correct ? 1.0 : -1.0;
        };
    }
}
