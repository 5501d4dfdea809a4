package org.nprworkbench.trainer.stop;

import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RunStatus;

/** How every run driver reports a stop on request: a stop event, the stage stopped, the run stopped. */
public final class RunStop {
    private RunStop() {
    }

    /**
     * Reports that {@code stage} (null: between stages) stopped on request as {@code e} says, then
     * ends the run stopped.
     */
    public static void record(TrainingListener events, StageKind stage, StopRequested e) {
        events.notice(new TrainingEvent.Notice(stage, stage == null ? null : e.step(), EventKind.STOP, e.getMessage()));
        if (stage != null) {
            events.stageEnded(new TrainingEvent.StageEnded(stage, RunStatus.STOPPED, e.step(), e.getMessage()));
        }
        events.runEnded(new TrainingEvent.RunEnded(RunStatus.STOPPED));
    }
}
