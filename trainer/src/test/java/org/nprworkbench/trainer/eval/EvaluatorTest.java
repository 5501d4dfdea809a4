package org.nprworkbench.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;

/** The evaluation figures on a hand-made batch: malformed or truncated answers count as wrong. */
class EvaluatorTest {
    private static Rollout answer(int group, int sample, boolean correct, boolean complete, boolean truncated,
                                  boolean forked, int t, int c, double format, double latency) {
        Problem p = new Problem("p" + group, "arithmetic", Split.TEST, "What is 1 + " + group + "?", "" + (1 + group));
        return new Rollout(p, group, sample, new int[] {1}, new int[t], complete, truncated, complete ? null : "malformed",
                complete, t, c, forked ? List.of(2) : List.of(), forked, List.of(), "x", correct, format, 0, 0, latency);
    }

    @Test
    void figuresOfAHandMadeBatch() {
        // problem 0: one right, one right but truncated (wrong); problem 1: right but malformed, and wrong
        List<Rollout> rs = List.of(
                answer(0, 0, true, true, false, true, 10, 5, 0.0, 0.1),
                answer(0, 1, true, false, true, false, 20, 20, -1.0, 0.3),
                answer(1, 0, true, false, false, false, 6, 6, -2.0, 0.2),
                answer(1, 1, false, true, false, true, 12, 4, 0.0, 0.2));
        EvalResult r = Evaluator.summarise(new RolloutBatch(rs, 2, 2.0, 48), 2, "parallel");
        assertEquals(2, r.nProblems());
        assertEquals((0.5 + 0.0) / 2, r.avgAtK(), 1e-12);
        assertEquals(0.5, r.bestAtK(), 1e-12);
        assertEquals(0.5, r.formatValidRate(), 1e-12);
        assertEquals(-0.75, r.meanFormatScore(), 1e-12);
        assertEquals(0.5, r.parallelRate(), 1e-12);
        assertEquals(0.5, r.malformedRate(), 1e-12);
        assertEquals(12.0, r.meanTokens(), 1e-12);
        assertEquals(35 / 4.0, r.meanCriticalPath(), 1e-12);
        assertEquals(48.0 / 35, r.tOverC(), 1e-12);
        assertEquals(24.0, r.tokensPerSecond(), 1e-12);
        assertEquals(200.0, r.meanLatencyMs(), 1e-9);
        assertEquals("parallel", r.toJson().get("engine").getAsString());
    }

    @Test
    void theEngineFollowsTheCheckpointsStage() {
        assertEquals(true, Evaluator.engineFor("beta", 64, ForcedLayout.COMPACT).parallel());
        assertEquals(true, Evaluator.engineFor("papo", 64, ForcedLayout.COMPACT).parallel());
        assertEquals(false, Evaluator.engineFor("zero", 64, ForcedLayout.COMPACT).parallel());
        assertEquals(false, Evaluator.engineFor("seed-sft", 64, ForcedLayout.COMPACT).parallel());
        assertEquals(true, Evaluator.engineFor("parallel", 64, ForcedLayout.COMPACT).parallel());
        assertEquals(false, Evaluator.engineFor("sequential", 64, ForcedLayout.COMPACT).parallel());
    }
}
