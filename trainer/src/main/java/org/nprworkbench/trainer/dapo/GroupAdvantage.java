package org.nprworkbench.trainer.dapo;

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
        if (rewards.length != groups.length) {
            throw new IllegalArgumentException(rewards.length + " rewards for " + groups.length + " group ids");
        }
        int max = -1;
        for (int g : groups) {
            max = Math.max(max, g);
        }
        double[] sum = new double[max + 1];
        int[] count = new int[max + 1];
        for (int i = 0; i < rewards.length; i++) {
            sum[groups[i]] += rewards[i];
            count[groups[i]]++;
        }
        double[] mean = new double[max + 1];
        double[] sq = new double[max + 1];
        for (int g = 0; g <= max; g++) {
            mean[g] = count[g] == 0 ? 0 : sum[g] / count[g];
        }
        for (int i = 0; i < rewards.length; i++) {
            double d = rewards[i] - mean[groups[i]];
            sq[groups[i]] += d * d;
        }
        double[] out = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            int g = groups[i];
            double mu = count[g] == 1 ? 0 : mean[g];
            double sd = count[g] == 1 ? 1 : Math.sqrt(sq[g] / (count[g] - 1));
            out[i] = (rewards[i] - mu) / (sd + EPS);
        }
        return out;
    }
}
