package org.nprworkbench.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** The metric names every RL step must report (verl's and NPR's), and a check that they are there and finite. */
public final class RequiredMetrics {
    public static final List<String> NAMES = List.of(RlMetricNames.SCORE_MEAN, RlMetricNames.REWARDS_MEAN,
            RlMetricNames.ADVANTAGES_MEAN, RlMetricNames.RESPONSE_LENGTH_MEAN, RlMetricNames.RESPONSE_LENGTH_CLIP_RATIO,
            RlMetricNames.PG_LOSS, RlMetricNames.ENTROPY, RlMetricNames.GRAD_NORM, RlMetricNames.LR,
            RlMetricNames.TIMING_GEN, RlMetricNames.TIMING_OLD_LOG_PROB, RlMetricNames.TIMING_UPDATE_ACTOR,
            RlMetricNames.TIMING_STEP, RlMetricNames.THROUGHPUT, RlMetricNames.FORMAT_VALID_RATE,
            RlMetricNames.PARALLEL_RATE, RlMetricNames.BRANCHES_PER_BLOCK, RlMetricNames.T_OVER_C,
            RlMetricNames.MALFORMED_DROPPED);

    private RequiredMetrics() {
    }

    /** Every required name is present and every value is finite. */
    public static void assertPresentAndFinite(Map<String, Double> m) {
        for (String name : NAMES) {
            assertTrue(m.containsKey(name), "missing " + name + " in " + m.keySet());
        }
        m.forEach((k, v) -> assertTrue(Double.isFinite(v), k + " = " + v));
    }
}
