package org.nprworkbench.trainer.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;

import ai.djl.Device;

/** Seed SFT learns: the loss on the seed corpus falls well below the untrained level. */
class SeedSftTest {
    @Test
    void lossFallsOnTheSeedCorpus() {
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 3)) {
            List<Double> losses = new ArrayList<>();
            SeedSft.train(ck, new SeedSft.Config(List.of("arithmetic"), 40, 1.0, 40, 2, 1e-2, 2),
                    p -> losses.add(p.loss()));
            assertEquals(40, losses.size());
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
                    SeedSft.train(ck, new SeedSft.Config(List.of("countdown"), 8, 1.0, 3, 2, 1e-3, 5), null);
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
}
