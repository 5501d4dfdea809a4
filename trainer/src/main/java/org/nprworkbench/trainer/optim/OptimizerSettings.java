package org.nprworkbench.trainer.optim;

import java.util.List;

import org.nprworkbench.engine.optim.AdamW;

import ai.djl.ndarray.NDArray;

/**
 * The AdamW settings of an RL stage. The paper's RL runs (npr-zero and npr-rl {@code run.sh}) set
 * weight decay 0.1 and gradient-norm clip 1.0 and leave the rest at verl's defaults: betas
 * (0.9, 0.999), eps 1e-8. (Parallel SFT uses betas (0.9, 0.95): {@link AdamW#paperDefaults}.)
 *
 * @param clipNorm global L2 gradient-norm clip; non-positive disables it
 */
public record OptimizerSettings(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
    public OptimizerSettings {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(eps > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("AdamW needs betas in [0, 1), eps > 0 and weight decay >= 0");
        }
    }

    /** The paper's RL optimiser: verl's AdamW defaults with weight decay 0.1 and clip 1.0. */
    public static OptimizerSettings paperRl() {
        return new OptimizerSettings(0.9, 0.999, 1e-8, 0.1, 1.0);
    }

    public OptimizerSettings withWeightDecay(double wd) {
        return new OptimizerSettings(beta1, beta2, eps, wd, clipNorm);
    }

    /** An optimiser over {@code params} (it turns their gradient tracking on). */
    public AdamW create(List<NDArray> params) {
        return new AdamW(params, beta1, beta2, eps, weightDecay, clipNorm);
    }
}
