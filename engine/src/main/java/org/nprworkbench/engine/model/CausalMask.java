package org.nprworkbench.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Causal attention masks and sequential positions for ordinary (non-parallel) sequences. */
public final class CausalMask {
    private CausalMask() {
    }

    /**
     * The additive causal mask [B, 1, T, T]; row b's first {@code padLeft[b]} keys are hidden
     * (left padding). {@code padLeft} may be null.
     */
    public static NDArray of(NDManager nd, int batch, int t, int[] padLeft) {
        float[] m = new float[batch * t * t];
        for (int b = 0; b < batch; b++) {
            int pad = padLeft == null ? 0 : padLeft[b];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    m[(b * t + i) * t + j] = j > i || j < pad ? Qwen3Model.HIDDEN : 0f;
                }
            }
        }
        return nd.create(m, new Shape(batch, 1, t, t));
    }

    /** Positions [B, T]: 0, 1, 2, ... after each row's left padding (padding gets 0). */
    public static NDArray positions(NDManager nd, int batch, int t, int[] padLeft) {
        long[] p = new long[batch * t];
        for (int b = 0; b < batch; b++) {
            int pad = padLeft == null ? 0 : padLeft[b];
            for (int i = 0; i < t; i++) {
                p[b * t + i] = Math.max(0, i - pad);
            }
        }
        return nd.create(p, new Shape(batch, t));
    }
}
