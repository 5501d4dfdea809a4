package org.nprworkbench.trainer.checkpoint;

import org.nprworkbench.engine.optim.AdamW;

/**
 * An RL trainer whose state between steps can be saved with a checkpoint and restored on resume:
 * its optimiser state and how many sampling seeds it has used (so a resumed stage draws the same
 * rollouts as an uninterrupted one).
 */
public interface ResumableTrainer {
    /** A copy of the optimiser's state. */
    AdamW.State optimizerState();

    /** The sampling seed offset: generation rounds (DAPO) or steps (PAPO) drawn so far. */
    long seedOffset();

    /** Continues from a saved optimiser state and seed offset. */
    void restore(AdamW.State optimizer, long seedOffset);
}
