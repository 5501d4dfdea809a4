package org.nprworkbench.trainer.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.home.DataHome;
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
import org.nprworkbench.trainer.store.CheckpointRecord;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;

/** Training events land in the run store, through a composite beside another listener. */
class RunStoreRecorderTest {
    @TempDir
    Path dir;

    private static RunSpec spec() {
        return new RunSpec("rec", "countdown", "smoke", List.of(StageKind.SEED, StageKind.ZERO), "{\"steps\":2}", 3L, "cpu()");
    }

    @Test
    void aRunsEventsBecomeItsRecord() {
        List<String> seen = new ArrayList<>();
        TrainingListener other = new TrainingListener() {
            @Override
            public void stepMetrics(StepMetrics e) {
                seen.add(e.stage() + "@" + e.step());
            }
        };
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            RunStoreRecorder rec = new RunStoreRecorder(store);
            TrainingListener events = TrainingListener.all(rec, other);
            events.runStarted(new RunStarted(spec(), false));
            events.stageStarted(new StageStarted(StageKind.SEED, 1, 2, null));
            events.stepMetrics(new StepMetrics(StageKind.SEED, 1, Map.of("train/loss", 2.0), Instant.now()));
            events.stepMetrics(new StepMetrics(StageKind.SEED, 2, Map.of("train/loss", 1.0), Instant.now()));
            events.checkpointSaved(new CheckpointSaved(new CheckpointRecord(StageKind.SEED, 2, dir.resolve("seed"), null,
                    Map.of("loss", 1.0))));
            events.stageEnded(new StageEnded(StageKind.SEED, RunStatus.FINISHED, 2, null));
            events.stageStarted(new StageStarted(StageKind.ZERO, 1, 1, dir.resolve("seed").toString()));
            events.rolloutSamples(new RolloutSamples(List.of(new RolloutRecord(StageKind.ZERO, 1, RolloutKind.ROLLOUT,
                    "p1", 0, "q", "a", 1.0, true, 0.0, 10, 5, 2, null))));
            events.notice(new Notice(StageKind.ZERO, 1L, EventKind.WARNING, "low spread"));
            events.stageEnded(new StageEnded(StageKind.ZERO, RunStatus.FINISHED, 1, null));
            events.runEnded(new RunEnded(RunStatus.FINISHED));

            RunInfo run = store.requireRun("rec");
            assertEquals(rec.runId(), run.id());
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("{\"steps\":2}", run.configJson());
            assertEquals(List.of(RunStatus.FINISHED, RunStatus.FINISHED),
                    store.stages(run.id()).stream().map(StageInfo::status).toList());
            assertEquals(2, store.metrics(run.id(), List.of("train/loss"), StageKind.SEED).size());
            assertEquals(1, store.checkpoints(run.id()).size());
            assertEquals(1, store.rollouts(run.id(), StageKind.ZERO, 1, 1, false).size());
            assertEquals("low spread", store.events(run.id()).get(0).message());
            assertEquals(List.of("seed@1", "seed@2"), seen);
        }
    }

    @Test
    void aFailureMarksTheStageAndTheRunFailedWithTheMessage() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            TrainingListener events = TrainingListener.all(new RunStoreRecorder(store));
            events.runStarted(new RunStarted(spec(), false));
            events.stageStarted(new StageStarted(StageKind.SEED, 1, 2, null));
            events.runFailed(new RunFailed("loss is NaN at step 1"));
            RunInfo run = store.requireRun("rec");
            assertEquals(RunStatus.FAILED, run.status());
            StageInfo seed = store.stages(run.id()).get(0);
            assertEquals(RunStatus.FAILED, seed.status());
            assertEquals("loss is NaN at step 1", seed.message());
            assertEquals(EventKind.FAILURE, store.events(run.id()).get(0).kind());
            assertEquals(RunStatus.PENDING, store.stages(run.id()).get(1).status());
        }
    }

    @Test
    void aResumedRunIsMarkedRunningAndTheResumeNoted() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            TrainingListener first = new RunStoreRecorder(store);
            first.runStarted(new RunStarted(spec(), false));
            first.stageStarted(new StageStarted(StageKind.SEED, 1, 10, null));
            first.runFailed(new RunFailed("killed"));
            Instant firstStart = store.stages(store.requireRun("rec").id()).get(0).started();

            RunStoreRecorder again = new RunStoreRecorder(store);
            again.runStarted(new RunStarted(spec(), true));
            again.stageStarted(new StageStarted(StageKind.SEED, 5, 10, null));
            RunInfo run = store.requireRun("rec");
            StageInfo seed = store.stages(run.id()).get(0);
            assertEquals(RunStatus.RUNNING, seed.status());
            assertEquals(firstStart, seed.started(), "a resumed stage keeps its first start time");
            assertEquals(null, seed.ended());
            assertEquals(RunStatus.RUNNING, run.status());
            assertEquals(again.runId(), run.id());
            List<EventKind> kinds = store.events(run.id()).stream().map(e -> e.kind()).toList();
            assertEquals(List.of(EventKind.FAILURE, EventKind.RESUME, EventKind.RESUME), kinds);
            assertTrue(store.events(run.id()).get(2).message().contains("after step 4"));
        }
    }

    @Test
    void everyListenerHearsOfAFailureEvenWhenOneThrows() {
        List<String> heard = new ArrayList<>();
        TrainingListener throwing = new TrainingListener() {
            @Override
            public void runFailed(RunFailed e) {
                throw new IllegalStateException("store gone");
            }
        };
        TrainingListener listening = new TrainingListener() {
            @Override
            public void runFailed(RunFailed e) {
                heard.add(e.message());
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainingListener.all(throwing, listening).runFailed(new RunFailed("boom")));
        assertEquals("store gone", e.getMessage());
        assertEquals(List.of("boom"), heard);
    }
}
