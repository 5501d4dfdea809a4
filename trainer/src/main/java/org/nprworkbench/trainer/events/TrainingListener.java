package org.nprworkbench.trainer.events;

import java.util.List;

import org.nprworkbench.trainer.events.TrainingEvent.CheckpointSaved;
import org.nprworkbench.trainer.events.TrainingEvent.Notice;
import org.nprworkbench.trainer.events.TrainingEvent.RolloutSamples;
import org.nprworkbench.trainer.events.TrainingEvent.RunEnded;
import org.nprworkbench.trainer.events.TrainingEvent.RunFailed;
import org.nprworkbench.trainer.events.TrainingEvent.RunStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StageEnded;
import org.nprworkbench.trainer.events.TrainingEvent.StageStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;

/**
 * How the trainer reports a run: one call per event, in order (run started, then per stage: stage
 * started, step metrics and samples, checkpoints, notices, stage ended; then run ended or failed).
 * Implementations record to the run store ({@link RunStoreRecorder}), draw terminal progress
 * ({@link TerminalProgress}), or feed the window; {@link #all} fans out to several. Every method
 * does nothing by default. Called on the training thread: an implementation must be quick.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    default void runStarted(RunStarted e) {
    }

    default void stageStarted(StageStarted e) {
    }

    default void stepMetrics(StepMetrics e) {
    }

    default void rolloutSamples(RolloutSamples e) {
    }

    default void checkpointSaved(CheckpointSaved e) {
    }

    default void notice(Notice e) {
    }

    default void stageEnded(StageEnded e) {
    }

    default void runEnded(RunEnded e) {
    }

    default void runFailed(RunFailed e) {
    }

    /** One listener that passes every event to each of {@code listeners}, in order. */
    static TrainingListener all(TrainingListener... listeners) {
        return new CompositeListener(List.of(listeners));
    }
}
