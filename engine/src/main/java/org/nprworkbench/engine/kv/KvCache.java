package org.nprworkbench.engine.kv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * One incremental-decoding step as the model sees it. The step's N new tokens arrive packed, one
 * after another (no padding in the projections and MLP); for attention they are laid out as queries
 * [B, T] (B key sequences, at most T new tokens each) over keys [B, L]. The cache owns that layout:
 * where each packed token sits, which keys each query may see, and where the new keys and values are
 * stored. All arrays belong to the caller's scope.
 */
public interface KvCache {
    /** B: key sequences attended over in this step. */
    int batch();

    /** T: query slots per key sequence. */
    int queries();

    /** The additive mask [B, 1, T, L]: 0 where the query may see the key, a large negative number elsewhere. */
    NDArray mask();

    /**
     * For each of the B*T query slots, the packed token that fills it ([B*T] int64; slots without a
     * token point at any token and are fully masked), or null when the packing is already that layout.
     */
    NDArray pack();

    /** For each packed token, its query slot b*T + t ([N] int64), or null when {@link #pack()} is null. */
    NDArray unpack();

    /**
     * Stores this step's keys and values for {@code layer}, [N, kvHeads * headDim] each (keys after
     * the k-norm and RoPE), and returns the keys and values to attend over, head-major:
     * [B, kvHeads, L, headDim] each.
     */
    NDList update(int layer, NDArray keys, NDArray values);
}
