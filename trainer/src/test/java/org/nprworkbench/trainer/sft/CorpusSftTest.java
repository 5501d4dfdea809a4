package org.nprworkbench.trainer.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SolutionStyle;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.batch.Attention;
import org.nprworkbench.trainer.rejection.AcceptedTrajectory;

import ai.djl.Device;

/** Parallel and causal SFT on a rejection-sampled corpus: malformed examples dropped and counted, the loss falls. */
class CorpusSftTest {
    static List<AcceptedTrajectory> corpus() {
        List<AcceptedTrajectory> c = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(2);
        for (Problem p : TaskRegistry.get("arithmetic").generate(Split.TRAIN, 3, 4, 1)) {
            c.add(new AcceptedTrajectory(p.id(), p.task(), p.text(), SeedCorpus.solution(p, SolutionStyle.NPR, rnd), 1));
        }
        // a step outside any block: the parallel layout cannot be built, so the example is dropped
        c.add(new AcceptedTrajectory("bad", "arithmetic", "Compute 1+1.", "<step>1: 1+1 = 2</step>\nThe answer is \\boxed{2}.", 1));
        return c;
    }

    @Test
    void parallelSftDropsMalformedExamplesAndLearns() {
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 8)) {
            List<Double> losses = new ArrayList<>();
            CorpusSft.Result r = CorpusSft.train(ck, corpus(), new CorpusSft.Config(Attention.PARALLEL, 12, 3, 1e-2, 0.0, 0.0, 1),
                    p -> losses.add(p.loss()));
            assertEquals(3, r.examples());
            assertEquals(1, r.malformedDropped());
            assertEquals(0, r.tooLongDropped());
            assertEquals(12, r.steps(), "one step per batch of 3, 12 epochs");
            assertEquals(12, losses.size());
            assertTrue(losses.get(0) > 4.0, "untrained: about ln(128) = 4.85, got " + losses.get(0));
            assertTrue(losses.get(11) < losses.get(0) - 1.0, "the loss falls: " + losses);
        }
    }

    @Test
    void causalSftTrainsOnTheSameExamplesUnderAnotherMask() {
        List<Double> parallel = new ArrayList<>();
        List<Double> causal = new ArrayList<>();
        CorpusSft.Config cfg = new CorpusSft.Config(Attention.PARALLEL, 1, 3, 1e-2, 0.0, 0.0, 1);
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 8)) {
            CorpusSft.train(ck, corpus(), cfg, p -> parallel.add(p.loss()));
        }
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 8)) {
            CorpusSft.Result r = CorpusSft.train(ck, corpus(), new CorpusSft.Config(Attention.CAUSAL, 1, 3, 1e-2, 0.0, 0.0, 1),
                    p -> causal.add(p.loss()));
            assertEquals(3, r.examples(), "SR-Beta trains on exactly the examples NPR-Beta does");
            assertEquals(1, r.malformedDropped());
        }
        // same weights, same tokens, different attention: the first losses differ (but only a little)
        assertNotEquals(parallel.get(0), causal.get(0));
        assertEquals(parallel.get(0), causal.get(0), 0.05);
    }
}
