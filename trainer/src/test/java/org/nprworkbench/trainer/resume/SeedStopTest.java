package org.nprworkbench.trainer.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

/**
 * A seed SFT run asked to stop through the run store stops after that step with a resumable
 * checkpoint there (even between scheduled checkpoints), ends stopped, and resumes to the end.
 */
class SeedStopTest {
    @TempDir
    Path dir;

    @Test
    void stopRequestEndsTheRunStoppedAtTheStepAndResumeFinishesIt() {
        Path init = dir.resolve("init");
        Checkpoint.init("micro", init, 1, Device.cpu()).close();
        SeedSft.Config cfg = new SeedSft.Config(List.of("arithmetic"), 4, 0.8, 8, 2, 2e-3, 1);
        SeedRun.Settings s = new SeedRun.Settings(cfg, init, dir.resolve("out"), "halt", dir.resolve("steps"), 5, 2);
        try (RunStore store = RunStore.open(new DataHome(dir.resolve("home")).ensure())) {
            TrainingListener stopAt3 = new TrainingListener() {
                @Override
                public void stepMetrics(TrainingEvent.StepMetrics e) {
                    if (e.step() == 3) {
                        store.requestStop("halt");
                    }
                }
            };
            StopRequested stop = assertThrows(StopRequested.class, () -> SeedRun.start(s, Device.cpu(), store, stopAt3));
            assertEquals(3, stop.step());
            assertEquals(StageKind.SEED, stop.stage());
            RunInfo run = store.requireRun("halt");
            assertEquals(RunStatus.STOPPED, run.status());
            assertEquals(RunStatus.STOPPED, store.stages(run.id()).get(0).status());
            assertTrue(TrainingState.presentIn(Path.of(stop.checkpoint())), stop.checkpoint());
            assertEquals(3, TrainingState.read(Path.of(stop.checkpoint())).step());
            assertTrue(Files.notExists(dir.resolve("out")), "no end checkpoint of a stopped stage");
            assertTrue(store.events(run.id()).stream().anyMatch(e -> e.kind() == EventKind.STOP));

            double loss = ResumeRun.resume("halt", Device.cpu(), store, TrainingListener.NONE).seedLoss();
            assertTrue(Double.isFinite(loss));
            run = store.requireRun("halt");
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals(new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)),
                    store.metrics(run.id(), List.of(MetricNames.TRAIN_LOSS), null).stream().map(MetricRow::step)
                            .collect(Collectors.toCollection(TreeSet::new)));
            assertTrue(Files.isDirectory(dir.resolve("out")));
        }
    }
}
