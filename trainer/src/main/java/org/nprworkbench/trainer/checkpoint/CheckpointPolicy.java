package org.nprworkbench.trainer.checkpoint;

/**
 * When a stage saves checkpoints and which it keeps.
 *
 * @param every          save after every {@code every} steps (and always at the stage's end); 0 saves only at the end
 * @param keepLast       how many of the most recent step checkpoints stay on disk (at least 1)
 * @param bestMetric     the metric (a key of the checkpoint's metrics) whose best checkpoint also stays; null for none
 * @param higherIsBetter true when a larger {@code bestMetric} is better (accuracy), false when smaller is (loss)
 */
public record CheckpointPolicy(int every, int keepLast, String bestMetric, boolean higherIsBetter) {
    public CheckpointPolicy {
        if (every < 0 || keepLast < 1) {
            throw new IllegalArgumentException("checkpoint every must be >= 0 and keep-last >= 1");
        }
    }

    /** Whether step {@code step} of a stage of {@code total} steps saves a step checkpoint (the last step saves the stage's own). */
    public boolean due(long step, long total) {
        return every > 0 && step < total && step % every == 0;
    }
}
