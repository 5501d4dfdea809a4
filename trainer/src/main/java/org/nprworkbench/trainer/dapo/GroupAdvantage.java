package org.nprworkbench.trainer.dapo;

import org.nprworkbench.trainer.reward.RewardGroups;

/**
 * The GRPO/DAPO outcome advantage (paper Eq. 2; verl {@code compute_grpo_outcome_advantage}):
 * Â_i = (R_i - mean_group R) / (std_group R + 1e-6), one value for every token of response i. The
 * group std is the unbiased one (divides by n - 1), as verl's {@code torch.std}; a group of one
 * response gets mean 0 and std 1, as verl does.
 */
public final class GroupAdvantage {
    /** The epsilon added to the std. */
    public static final double EPS = 1e-6;

    private GroupAdvantage() {
    }

    /**
     * Advantages for {@code rewards[i]} of responses in groups {@code groups[i]} (any non-negative ids).
     */
    public static double[] compute(double[] rewards, int[] groups) {
        RewardGroups rg = RewardGroups.of(rewards, groups);
        double[] sq = new double[rg.count().length];
        for (int i = 0; i < rewards.length; i++) {
            double d = rewards[i] - rg.mean()[groups[i]];
            sq[groups[i]] += d * d;
        }
        double[] out = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            int g = groups[i];
            int n = rg.count()[g];
            double sd = n == 1 ? 1 : Math.sqrt(sq[g] / (n - 1));
            out[i] = (rewards[i] - rg.baseline(g)) / (sd + EPS);
        }
        return out;
    }
}
