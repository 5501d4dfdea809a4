package org.nprworkbench.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.trainer.rollout.Rollout;

/** Step metrics on hand-made rollouts. */
class StepMetricsTest {
    private static Rollout rollout(int length, boolean truncated, boolean correct, double format, boolean valid, int t, int c,
                                   List<Integer> engineBranches, List<Integer> layoutBranches, double score, double reward) {
        Problem p = new Problem("p", "arithmetic", Split.TRAIN, "1+1?", "2");
        return new Rollout(p, 0, 0, new int[] {1}, new int[length], !truncated, truncated, truncated ? "budget" : null, valid,
                t, c, engineBranches, !engineBranches.isEmpty(), layoutBranches, "x", correct, format, score, reward);
    }

    @Test
    void generatedAndTrainedStatistics() {
        List<Rollout> rs = List.of(
                rollout(10, false, true, 0.0, true, 10, 5, List.of(3, 2), List.of(3, 2), 1.0, 1.0),      // forked twice
                rollout(20, true, false, -1.5, false, 21, 21, List.of(), List.of(), -1.5, -2.5),          // hit the budget
                rollout(30, false, false, 0.0, true, 30, 30, List.of(), List.of(4), -1.0, -1.0));        // sequential, one block
        Map<String, Double> m = new HashMap<>();
        StepMetrics.generated(m, rs);
        assertEquals(20.0, m.get(MetricNames.RESPONSE_LENGTH_MEAN));
        assertEquals(30.0, m.get(MetricNames.RESPONSE_LENGTH_MAX));
        assertEquals(1.0 / 3, m.get(MetricNames.RESPONSE_LENGTH_CLIP_RATIO), 1e-12);
        assertEquals(1.0 / 3, m.get(MetricNames.NPR_ACCURACY), 1e-12);
        assertEquals(2.0 / 3, m.get(MetricNames.NPR_FORMAT_VALID_RATE), 1e-12);
        assertEquals(2.0 / 3, m.get(MetricNames.NPR_STRUCTURE_VALID_RATE), 1e-12);
        assertEquals(2.0 / 3, m.get(MetricNames.NPR_PARALLEL_RATE), 1e-12, "the forked one and the sequential one with a block");
        assertEquals((3 + 2 + 4) / 3.0, m.get(MetricNames.NPR_BRANCHES_PER_BLOCK), 1e-12);
        assertEquals(61.0 / 56, m.get(MetricNames.NPR_T_OVER_C), 1e-12, "sum of T over sum of C");
        assertEquals(3.0, m.get(MetricNames.NPR_ROLLOUTS));

        StepMetrics.trained(m, rs, new double[] {1.0, -0.5, 0.25});
        assertEquals(-1.5 / 3, m.get(MetricNames.SCORE_MEAN), 1e-12);
        assertEquals(1.0, m.get(MetricNames.SCORE_MAX));
        assertEquals(-1.5, m.get(MetricNames.SCORE_MIN));
        assertEquals(-2.5 / 3, m.get(MetricNames.REWARDS_MEAN), 1e-12, "rewards include the overlong shaping");
        assertEquals((10 * 1.0 - 20 * 0.5 + 30 * 0.25) / 60, m.get(MetricNames.ADVANTAGES_MEAN), 1e-12,
                "the token-weighted mean, as verl's masked mean");
        assertEquals(1.0, m.get(MetricNames.ADVANTAGES_MAX));
        assertEquals(-0.5, m.get(MetricNames.ADVANTAGES_MIN));

        Map<String, Double> empty = new HashMap<>();
        StepMetrics.trained(empty, List.of(), new double[0]);
        StepMetrics.generated(empty, List.of());
        empty.forEach((k, v) -> assertEquals(k.equals(MetricNames.NPR_T_OVER_C) ? 1.0 : 0.0, v, k));
    }
}
