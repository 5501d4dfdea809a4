package org.nprworkbench.trainer.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointRecord;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStatus;

/** What a training run reports to its {@link TrainingListener}s, one record per kind of event. */
public sealed interface TrainingEvent {

    /**
     * A run begins (or continues).
     *
     * @param resumed true when an existing run continues from a checkpoint
     */
    record RunStarted(RunSpec spec, boolean resumed) implements TrainingEvent {
    }

    /**
     * A stage begins.
     *
     * @param firstStep        the first step it will run (1, or the step after the checkpoint it resumes from)
     * @param totalSteps       the stage's last step
     * @param parentCheckpoint the checkpoint it starts from; null for a fresh model
     */
    record StageStarted(StageKind stage, long firstStep, long totalSteps, String parentCheckpoint)
            implements TrainingEvent {
    }

    /** One optimiser step's metrics (names from {@link org.nprworkbench.trainer.metrics.MetricNames}). */
    record StepMetrics(StageKind stage, long step, Map<String, Double> values, Instant wallTime)
            implements TrainingEvent {
        public StepMetrics {
            values = Map.copyOf(values);
        }
    }

    /** Rollouts or evaluation samples of a step. */
    record RolloutSamples(List<RolloutRecord> samples) implements TrainingEvent {
        public RolloutSamples {
            samples = List.copyOf(samples);
        }
    }

    /** A checkpoint was written completely. */
    record CheckpointSaved(CheckpointRecord checkpoint) implements TrainingEvent {
    }

    /**
     * Something worth keeping with the run: a warning, a NaN stop, a resume.
     *
     * @param stage null for the run as a whole
     * @param step  null if not tied to a step
     */
    record Notice(StageKind stage, Long step, EventKind kind, String message) implements TrainingEvent {
    }

    /**
     * A stage ended.
     *
     * @param lastStep the last step it completed
     * @param message  why it failed or stopped; null if it finished
     */
    record StageEnded(StageKind stage, RunStatus status, long lastStep, String message) implements TrainingEvent {
    }

    /** The run ended normally (finished) or on request (stopped). */
    record RunEnded(RunStatus status) implements TrainingEvent {
    }

    /** The run failed; {@code message} says why in one line. */
    record RunFailed(String message) implements TrainingEvent {
    }
}
