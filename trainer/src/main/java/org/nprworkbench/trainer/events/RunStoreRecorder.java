package org.nprworkbench.trainer.events;

import org.nprworkbench.trainer.events.TrainingEvent.CheckpointSaved;
import org.nprworkbench.trainer.events.TrainingEvent.Notice;
import org.nprworkbench.trainer.events.TrainingEvent.RolloutSamples;
import org.nprworkbench.trainer.events.TrainingEvent.RunEnded;
import org.nprworkbench.trainer.events.TrainingEvent.RunFailed;
import org.nprworkbench.trainer.events.TrainingEvent.RunStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StageEnded;
import org.nprworkbench.trainer.events.TrainingEvent.StageStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

/**
 * Records a run in the {@link RunStore} as it happens: creates the run when it starts (or, on resume,
 * marks the existing one running and notes the resume), one transaction per step's metrics, every
 * sample, checkpoint, notice and end. A failure marks the stage in progress failed, records the
 * message as an event and ends the run failed.
 */
public final class RunStoreRecorder implements TrainingListener {
    private final RunStore store;
    private long runId = -1;
    private StageKind current;

    public RunStoreRecorder(RunStore store) {
        this.store = store;
    }

    /** The store's key of the run being recorded; -1 before it started. */
    public long runId() {
        return runId;
    }

    private long id() {
        if (runId < 0) {
            throw new IllegalStateException("a training event arrived before the run started");
        }
        return runId;
    }

    @Override
    public void runStarted(RunStarted e) {
        if (e.resumed()) {
            RunInfo run = store.requireRun(e.spec().name());
            runId = run.id();
            store.markRunning(runId, e.spec().device());
            store.recordEvent(runId, null, null, EventKind.RESUME, "run resumed (was " + run.status().label() + ")");
        } else {
            runId = store.createRun(e.spec()).id();
        }
    }

    @Override
    public void stageStarted(StageStarted e) {
        store.startStage(id(), e.stage(), e.totalSteps(), e.parentCheckpoint());
        current = e.stage();
        if (e.firstStep() > 1) {
            store.recordEvent(runId, e.stage(), e.firstStep() - 1, EventKind.RESUME,
                    "stage " + e.stage() + " resumed after step " + (e.firstStep() - 1));
        }
    }

    @Override
    public void stepMetrics(StepMetrics e) {
        store.recordMetrics(id(), e.stage(), e.step(), e.values(), e.wallTime());
    }

    @Override
    public void rolloutSamples(RolloutSamples e) {
        store.recordRollouts(id(), e.samples());
    }

    @Override
    public void checkpointSaved(CheckpointSaved e) {
        store.recordCheckpoint(id(), e.checkpoint());
    }

    @Override
    public void notice(Notice e) {
        store.recordEvent(id(), e.stage(), e.step(), e.kind(), e.message());
    }

    @Override
    public void stageEnded(StageEnded e) {
        store.finishStage(id(), e.stage(), e.status(), e.message());
        current = null;
    }

    @Override
    public void runEnded(RunEnded e) {
        store.finishRun(id(), e.status());
    }

    @Override
    public void runFailed(RunFailed e) {
        if (runId < 0) {
            return; // the run was never recorded (e.g. its name was taken)
        }
        store.recordEvent(runId, current, null, EventKind.FAILURE, e.message());
        if (current != null) {
            store.finishStage(runId, current, RunStatus.FAILED, e.message());
            current = null;
        }
        store.finishRun(runId, RunStatus.FAILED);
    }
}
