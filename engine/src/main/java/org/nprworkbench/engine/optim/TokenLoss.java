package org.nprworkbench.engine.optim;

import org.nprworkbench.engine.autograd.Scalar;

import ai.djl.ndarray.NDArray;

/** Per-token log-probabilities and the weighted negative log-likelihood of next-token prediction. */
public final class TokenLoss {
    private TokenLoss() {
    }

    /**
     * log p(target) for logits [B, T, V] and integer targets [B, T]: [B, T]. Differentiable.
     */
    public static NDArray logProbs(NDArray logits, NDArray targets) {
        return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
    }

    /**
     * Mean NLL over the tokens with weight 1: -sum(w * log p) / sum(w), for weights [B, T] in {0, 1}
     * (0 on prompt and padding). The global token mean of the paper.
     */
    public static NDArray meanNll(NDArray logits, NDArray targets, NDArray weights) {
        NDArray lp = logProbs(logits, targets);
        return lp.mul(weights).sum().neg().div(weights.sum().maximum(Scalar.of(weights, 1)));
    }
}
