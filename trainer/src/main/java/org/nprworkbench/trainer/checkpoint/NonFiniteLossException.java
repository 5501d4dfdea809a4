package org.nprworkbench.trainer.checkpoint;

/**
 * A training step produced a NaN or infinite loss; the step's update was not applied, and the stage
 * stops (its last good checkpoint stays as it is).
 */
public final class NonFiniteLossException extends RuntimeException {
    private final long step;
    private final double loss;

    public NonFiniteLossException(long step, double loss) {
        super("the loss is " + loss + " at step " + step + "; training stopped before applying that step's update");
        this.step = step;
        this.loss = loss;
    }

    /** The step whose loss was not finite. */
    public long step() {
        return step;
    }

    /** The loss (NaN or infinite). */
    public double loss() {
        return loss;
    }
}
