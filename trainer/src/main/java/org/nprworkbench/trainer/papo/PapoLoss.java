package org.nprworkbench.trainer.papo;

import ai.djl.ndarray.NDArray;

/**
 * PAPO's on-policy surrogate (paper Eq. 6, §5.1): loss = -Σ coef · π/sg[π], where the ratio
 * exp(log π - sg(log π)) is identically 1 and its gradient is ∇log π, so the loss's gradient is
 * -Σ coef · ∇log π. No importance ratio, no clipping, no KL, no entropy term; every response token,
 * forced tags and special tokens included, carries its sequence's advantage.
 *
 * <p>{@code coef} says how tokens are averaged ({@link Aggregation}): the paper's global token mean
 * gives token t of sequence i the coefficient Â_i / Σ_j |y_j| over the mini-batch; the released
 * code's per-sequence mean gives Â_i / (|y_i| · B).
 */
public final class PapoLoss {
    /** How the per-token terms are averaged over a mini-batch of B sequences. */
    public enum Aggregation {
        /** The paper: (1 / Σ_i |y_i|) Σ_i Σ_t (§5.5 [REC]). */
        GLOBAL_TOKEN_MEAN,
        /** The released code in effect: (1 / B) Σ_i (1 / |y_i|) Σ_t. */
        SEQUENCE_MEAN
    }

    private PapoLoss() {
    }

    /**
     * The coefficient of each token of sequence {@code i} of a mini-batch.
     *
     * @param advantage      Â_i
     * @param length         |y_i|
     * @param miniBatchTokens Σ_j |y_j| over the mini-batch
     * @param miniBatchSize  B
     */
    public static double coefficient(Aggregation a, double advantage, int length, long miniBatchTokens, int miniBatchSize) {
        return a == Aggregation.GLOBAL_TOKEN_MEAN ? advantage / miniBatchTokens : advantage / ((double) length * miniBatchSize);
    }

    /**
     * The surrogate loss -Σ coef · exp(logProbs - sg(logProbs)) for log-probabilities [B, T]
     * (differentiable) and coefficients [B, T] (0 off the response). Its value is -Σ coef.
     */
    public static NDArray loss(NDArray logProbs, NDArray coef) {
        NDArray ratio = logProbs.sub(logProbs.stopGradient()).exp(); // ≡ 1, gradient ∇log π
        return ratio.mul(coef).sum().neg();
    }
}
