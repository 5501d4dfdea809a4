package org.nprworkbench.trainer.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventInfo;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

/**
 * An absurd learning rate (1e30) blows the weights up after the first update, so a later step's loss
 * is NaN or infinite: the stage stops with one clear message, the run store records a NaN stop and
 * a failed stage and run, and the checkpoints saved before it stay on disk.
 */
class NanStopTest {
    @TempDir
    Path dir;

    @Test
    void nonFiniteLossStopsTheStageAndKeepsTheLastGoodCheckpoint() {
        Path init = dir.resolve("init");
        Checkpoint.init("micro", init, 1, Device.cpu()).close();
        SeedSft.Config cfg = new SeedSft.Config(List.of("arithmetic"), 4, 0.8, 6, 2, 1e30, 1);
        SeedRun.Settings s = new SeedRun.Settings(cfg, init, dir.resolve("out"), "blowup", dir.resolve("steps"), 1, 10);
        try (RunStore store = RunStore.open(new DataHome(dir.resolve("home")).ensure())) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> SeedRun.start(s, Device.cpu(), store, TrainingListener.NONE));
            assertTrue(e.getMessage().matches("(?s)seed SFT stopped: the loss is (NaN|-?Infinity) at step \\d+.*"
                    + "the last good checkpoint is .*lower --lr.*"), e.getMessage());

            RunInfo run = store.requireRun("blowup");
            assertEquals(RunStatus.FAILED, run.status());
            assertEquals(RunStatus.FAILED, store.stages(run.id()).get(0).status());
            EventInfo nan = store.events(run.id()).stream().filter(ev -> ev.kind() == EventKind.NAN_STOP)
                    .findFirst().orElseThrow();
            assertTrue(nan.step() >= 2, nan.toString());
            List<CheckpointInfo> cks = store.checkpoints(run.id());
            assertEquals(nan.step() - 1, cks.size(), "one step checkpoint per step before the stop: " + cks);
            CheckpointInfo last = cks.get(cks.size() - 1);
            assertEquals(nan.step() - 1, last.step());
            assertTrue(last.kept() && TrainingState.presentIn(Path.of(last.folder())), last.toString());
            assertTrue(e.getMessage().contains(last.folder()), e.getMessage());
            assertTrue(Files.notExists(dir.resolve("out")), "no end checkpoint of a stopped stage");
        }
    }
}
