package org.nprworkbench.trainer.stop;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * Thrown by a training loop that saw a stop request at a step boundary, after it saved a resumable
 * checkpoint of that step; the run's driver catches it and ends the stage and the run stopped.
 */
public final class StopRequested extends RuntimeException {
    private final StageKind stage;
    private final long step;
    private final String checkpoint;

    /**
     * @param stage      the stage that stopped; null when the run stopped between stages
     * @param step       the last step completed
     * @param checkpoint the resumable checkpoint saved after it; null when there was nothing to save
     */
    public StopRequested(StageKind stage, long step, String checkpoint) {
        super(stage == null ? "stopped on request between stages"
                : "stopped on request after step " + step + " of stage " + stage
                + (checkpoint == null ? "" : "; resumable checkpoint " + checkpoint));
        this.stage = stage;
        this.step = step;
        this.checkpoint = checkpoint;
    }

    public StageKind stage() {
        return stage;
    }

    /** The last step completed. */
    public long step() {
        return step;
    }

    /** The resumable checkpoint saved after {@link #step}; null if none. */
    public String checkpoint() {
        return checkpoint;
    }
}
