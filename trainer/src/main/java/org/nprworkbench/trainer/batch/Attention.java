package org.nprworkbench.trainer.batch;

/** How a training sequence attends: plain causal, or the parallel mask and positions of NPR (§2.2, §2.3). */
public enum Attention {
    /** Causal mask, positions 0..L-1: SR-Beta, DAPO (NPR-Zero) and SR. */
    CAUSAL,
    /** {@code ParallelLayout}'s mask and positions: parallel SFT (NPR-Beta) and PAPO. */
    PARALLEL
}
