package org.nprworkbench.trainer.papo;

import org.nprworkbench.trainer.reward.RewardGroups;

/**
 * PAPO's advantage (paper Eq. 5, §5.3 step 8): Â_i = (R_i - μ_p(i)) / (σ + 1e-6), where μ_p is the
 * mean reward of prompt p's <em>surviving</em> group (a group left with one response gets μ = 0, as
 * the released code does) and σ the standard deviation of every surviving reward in the batch (all
 * prompts), computed once before any advantage is formed (the released code recomputes it inside the
 * loop while overwriting the rewards, §5.5; that quirk is not copied). Filtered responses take no
 * part: a group emptied by filtering contributes nothing, not even to σ.
 *
 * <p>Which σ: {@link Std#UNBIASED} (divide by n - 1) by default, because that is what the released
 * code computes ({@code torch.std} is Bessel-corrected) and the paper's Eq. 5 does not say; at the
 * paper's 256 responses the two differ by 0.2%, at 64 by 0.8%. {@link Std#POPULATION} is the
 * alternative. A batch of one response has σ = 0 under both.
 *
 * <p>When every surviving reward is equal, σ = 0: groups of two or more get Â = 0, but a group of
 * one gets Â = R / 1e-6 = ±10⁶, exactly as the released code computes it. Such a step is bounded by
 * the gradient-norm clip only; the formula is kept as written (Eq. 5 with §5.3 step 8).
 */
public final class PapoAdvantage {
    /** The epsilon added to σ. */
    public static final double EPS = 1e-6;

    /** Which standard deviation of the batch's rewards. */
    public enum Std {
        /** sqrt(Σ(R - mean)² / (n - 1)): verl's {@code torch.std}. */
        UNBIASED,
        /** sqrt(Σ(R - mean)² / n). */
        POPULATION
    }

    private PapoAdvantage() {
    }

    /** σ of {@code rewards}; 0 for fewer than two. */
    public static double batchStd(double[] rewards, Std std) {
        int n = rewards.length;
        if (n < 2) {
            return 0.0;
        }
        double mean = 0;
        for (double r : rewards) {
            mean += r;
        }
        mean /= n;
        double sq = 0;
        for (double r : rewards) {
            sq += (r - mean) * (r - mean);
        }
        return Math.sqrt(sq / (std == Std.UNBIASED ? n - 1 : n));
    }

    /**
     * Advantages for the surviving responses: {@code rewards[i]} of a response of prompt
     * {@code groups[i]} (any non-negative ids).
     */
    public static double[] compute(double[] rewards, int[] groups, Std std) {
        RewardGroups rg = RewardGroups.of(rewards, groups);
        double sigma = batchStd(rewards, std); // once, before any advantage exists
        double[] out = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            out[i] = (rewards[i] - rg.baseline(groups[i])) / (sigma + EPS);
        }
        return out;
    }
}
