package org.nprworkbench.trainer.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;

import ai.djl.Device;

/** Seed SFT learns: the loss on the seed corpus falls well below the untrained level. */
class SeedSftTest {
    @Test
    void lossFallsOnTheSeedCorpus() {
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 3)) {
            List<StepMetrics> steps = new ArrayList<>();
            SeedSft.train(ck, new SeedSft.Config(List.of("arithmetic"), 40, 1.0, 40, 2, 1e-2, 2), new TrainingListener() {
                @Override
                public void stepMetrics(StepMetrics e) {
                    steps.add(e);
                }
            });
            assertEquals(40, steps.size());
            for (int i = 0; i < steps.size(); i++) {
                StepMetrics e = steps.get(i);
                assertEquals(StageKind.SEED, e.stage());
                assertEquals(i + 1, e.step());
                assertEquals(SftLoop.schedule(1e-2, i + 1, 40, 0.1), e.values().get(MetricNames.TRAIN_LR), 1e-12);
                assertTrue(e.values().get(MetricNames.TRAIN_GRAD_NORM) > 0, "grad norm " + e.values());
                assertTrue(e.values().get(MetricNames.PERF_THROUGHPUT) > 0 && e.values().get(MetricNames.TIMING_STEP) > 0);
            }
            List<Double> losses = steps.stream().map(e -> e.values().get(MetricNames.TRAIN_LOSS)).toList();
            double first = losses.get(0);
            double last = losses.subList(30, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            // ln(128) = 4.85 at initialisation; the character statistics alone bring it near 3, and the
            // NPR template (tags, labels, repeated phrases) much lower.
            assertTrue(first > 4.0, "initial loss " + first);
            assertTrue(last < 2.5, "loss after 40 steps " + last);
        }
    }

    @Test
    void trainsOnAThreadOtherThanTheOneThatStartedTheEngine() throws Exception {
        // PyTorch records autograd per thread and starts every new thread with recording on; the
        // workbench trains on background executors, so the optimiser must not depend on the thread.
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 4)) {
            Throwable[] failure = new Throwable[1];
            Thread worker = new Thread(() -> {
                try {
                    SeedSft.train(ck, new SeedSft.Config(List.of("countdown"), 8, 1.0, 3, 2, 1e-3, 5), TrainingListener.NONE);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            worker.start();
            worker.join();
            if (failure[0] != null) {
                throw new AssertionError("training on a new thread failed", failure[0]);
            }
        }
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        assertEquals(0.5, SftLoop.schedule(1.0, 10, 400, 0.1), 1e-9);
        assertEquals(1.0, SftLoop.schedule(1.0, 20, 400, 0.1), 1e-9);
        assertEquals(0.1, SftLoop.schedule(1.0, 400, 400, 0.1), 1e-9);
        assertTrue(SftLoop.schedule(1.0, 200, 400, 0.1) < 1.0 && SftLoop.schedule(1.0, 200, 400, 0.1) > 0.1);
    }

    @Test
    void theRecordedConfigurationKeepsLevelAndKnobs() {
        SeedSft.Config c = new SeedSft.Config(List.of("digitsum"), 10, 1.0, 5, 2, 1e-3, 7, 5, java.util.Map.of("digits", 9));
        SeedSft.Config back = SeedSft.Config.fromJson(c.toJson(), "test");
        assertEquals(c, back);
        assertEquals(1, SeedSft.Config.fromJson(new SeedSft.Config(List.of("digitsum"), 10, 1.0, 5, 2, 1e-3, 7).toJson(), "t").level());
        com.google.gson.JsonObject old = c.toJson();
        old.remove("level");
        old.remove("knobs");
        SeedSft.Config legacy = SeedSft.Config.fromJson(old, "a run recorded before levels");
        assertEquals(1, legacy.level());
        assertTrue(legacy.knobs().isEmpty());
    }
}
