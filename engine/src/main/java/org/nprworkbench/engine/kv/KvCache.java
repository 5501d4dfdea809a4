package org.nprworkbench.engine.kv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Keys and values the model attends over during incremental decoding. The model drives one step:
 * {@link #beginStep} (the additive mask for the step's queries), then {@link #update} once per layer,
 * then {@link #endStep}. Implementations decide the layout (contiguous per row, or a shared paged
 * store with parallel branches) and hence which keys each query may see.
 */
public interface KvCache {
    /**
     * Starts a step of {@code newTokens} tokens per row and returns the additive attention mask
     * [B, 1, S, L] (0 where visible, a large negative number where hidden), L = keys after the step.
     * The mask belongs to the caller's scope.
     */
    NDArray beginStep(int newTokens);

    /**
     * Stores this step's keys and values for {@code layer}, [B, S, kvHeads * headDim] each (keys
     * after the k-norm and RoPE), and returns the keys and values to attend over, [B, L, kvHeads * headDim].
     */
    NDList update(int layer, NDArray keys, NDArray values);

    /** Ends the step: the new tokens become part of the context. */
    void endStep();
}
