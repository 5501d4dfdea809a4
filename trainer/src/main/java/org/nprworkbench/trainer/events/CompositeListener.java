package org.nprworkbench.trainer.events;

import java.util.List;
import java.util.function.Consumer;

import org.nprworkbench.trainer.events.TrainingEvent.CheckpointSaved;
import org.nprworkbench.trainer.events.TrainingEvent.Notice;
import org.nprworkbench.trainer.events.TrainingEvent.RolloutSamples;
import org.nprworkbench.trainer.events.TrainingEvent.RunEnded;
import org.nprworkbench.trainer.events.TrainingEvent.RunFailed;
import org.nprworkbench.trainer.events.TrainingEvent.RunStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StageEnded;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.events.TrainingEvent.StageStarted;

/**
 * Fans every event out to several listeners in order. A listener that throws stops the event there
 * (a run whose record cannot be written should not go on), except for {@link RunFailed}, which
 * reaches every listener; their failures are attached to the first one.
 */
public final class CompositeListener implements TrainingListener {
    private final List<TrainingListener> listeners;

    public CompositeListener(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<TrainingListener> call) {
        listeners.forEach(call);
    }

    @Override
    public void runStarted(RunStarted e) {
        each(l -> l.runStarted(e));
    }

    @Override
    public void stageStarted(StageStarted e) {
        each(l -> l.stageStarted(e));
    }

    @Override
    public void stepMetrics(StepMetrics e) {
        each(l -> l.stepMetrics(e));
    }

    @Override
    public void rolloutSamples(RolloutSamples e) {
        each(l -> l.rolloutSamples(e));
    }

    @Override
    public void checkpointSaved(CheckpointSaved e) {
        each(l -> l.checkpointSaved(e));
    }

    @Override
    public void notice(Notice e) {
        each(l -> l.notice(e));
    }

    @Override
    public void stageEnded(StageEnded e) {
        each(l -> l.stageEnded(e));
    }

    @Override
    public void runEnded(RunEnded e) {
        each(l -> l.runEnded(e));
    }

    @Override
    public void runFailed(RunFailed e) {
        RuntimeException first = null;
        for (TrainingListener l : listeners) {
            try {
                l.runFailed(e);
            } catch (RuntimeException ex) {
                if (first == null) {
                    first = ex;
                } else {
                    first.addSuppressed(ex);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
