package org.nprworkbench.trainer.dapo;

import org.nprworkbench.engine.autograd.Scalar;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * DAPO's per-token policy loss (§3.2; verl {@code compute_policy_loss}, vanilla mode): with
 * r = π/π_old and advantage A,
 * <pre>
 *   l1 = -A r,   l2 = -A clip(r, 1 - ε_low, 1 + ε_high),   clipped = max(l1, l2)
 *   loss = A &lt; 0 ? min(clipped, -A c) : clipped                      (dual clip, c = clip_ratio_c)
 * </pre>
 * The log-ratio is clamped to [-20, 20] before exponentiation, as verl does. Where a clip binds the
 * token's loss is constant in θ, so it gets no gradient. The step's loss is the token mean of these
 * over the mini-batch's response tokens.
 */
public final class DapoLoss {
    /** verl's clamp on log(π/π_old). */
    public static final double LOG_RATIO_LIMIT = 20.0;

    /**
     * The clip settings.
     *
     * @param epsLow   lower clip: the ratio is held at or above 1 - epsLow
     * @param epsHigh  upper clip ("clip-higher"): at or below 1 + epsHigh
     * @param dualClip c &gt; 1: for A &lt; 0 the loss never exceeds -A c
     */
    public record Clip(double epsLow, double epsHigh, double dualClip) {
        public Clip {
            if (epsLow < 0 || epsLow >= 1 || epsHigh < 0 || !(dualClip > 1)) {
                throw new IllegalArgumentException("need 0 <= eps_low < 1, eps_high >= 0 and a dual clip c > 1");
            }
        }

        /** The paper's: ε_low 0.2, ε_high 0.28, c = 10. */
        public static Clip paper() {
            return new Clip(0.2, 0.28, 10.0);
        }
    }

    private DapoLoss() {
    }

    /** The loss of one token at ratio {@code ratio} and advantage {@code advantage}. */
    public static double tokenLoss(double ratio, double advantage, Clip clip) {
        double l1 = -advantage * ratio;
        double l2 = -advantage * Math.min(Math.max(ratio, 1 - clip.epsLow()), 1 + clip.epsHigh());
        double clipped = Math.max(l1, l2);
        return advantage < 0 ? Math.min(clipped, -advantage * clip.dualClip()) : clipped;
    }

    /** Whether the ε clip binds for this token (verl's {@code pg_clipfrac}: l2 &gt; l1). */
    public static boolean ratioClipped(double ratio, double advantage, Clip clip) {
        double l1 = -advantage * ratio;
        double l2 = -advantage * Math.min(Math.max(ratio, 1 - clip.epsLow()), 1 + clip.epsHigh());
        return l2 > l1;
    }

    /** Whether the dual clip binds for this token (verl's {@code pg_clipfrac_lower}). */
    public static boolean dualClipped(double ratio, double advantage, Clip clip) {
        if (advantage >= 0) {
            return false;
        }
        double l1 = -advantage * ratio;
        double l2 = -advantage * Math.min(Math.max(ratio, 1 - clip.epsLow()), 1 + clip.epsHigh());
        return Math.max(l1, l2) > -advantage * clip.dualClip();
    }

    /** The ratio π/π_old of one token from its log-probabilities, with verl's clamp. */
    public static double ratio(double logProb, double oldLogProb) {
        return Math.exp(Math.max(-LOG_RATIO_LIMIT, Math.min(LOG_RATIO_LIMIT, logProb - oldLogProb)));
    }

    /**
     * Per-token losses [B, T] from log-probabilities under the current policy (differentiable), the old
     * policy's and the advantages (both constant), all [B, T].
     */
    public static NDArray tokenLosses(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, Clip clip) {
        NDArray ratio = logProbs.sub(oldLogProbs).clip(-LOG_RATIO_LIMIT, LOG_RATIO_LIMIT).exp();
        NDArray negA = advantages.neg();
        NDArray l1 = negA.mul(ratio);
        NDArray l2 = negA.mul(ratio.clip(1 - clip.epsLow(), 1 + clip.epsHigh()));
        NDArray clipped = l1.maximum(l2);
        NDArray dual = clipped.minimum(negA.mul(Scalar.of(negA, clip.dualClip())));
        return NDArrays.where(advantages.lt(0f), dual, clipped);
    }
}
