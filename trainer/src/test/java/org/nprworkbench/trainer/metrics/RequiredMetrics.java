package org.nprworkbench.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** The metric names every RL step must report (verl's and NPR's), and a check that they are there and finite. */
public final class RequiredMetrics {
    public static final List<String> NAMES = List.of(MetricNames.SCORE_MEAN, MetricNames.REWARDS_MEAN,
            MetricNames.ADVANTAGES_MEAN, MetricNames.RESPONSE_LENGTH_MEAN, MetricNames.RESPONSE_LENGTH_CLIP_RATIO,
            MetricNames.ACTOR_PG_LOSS, MetricNames.ACTOR_ENTROPY, MetricNames.ACTOR_GRAD_NORM, MetricNames.ACTOR_LR,
            MetricNames.TIMING_GEN, MetricNames.TIMING_OLD_LOG_PROB, MetricNames.TIMING_UPDATE_ACTOR,
            MetricNames.TIMING_STEP, MetricNames.PERF_THROUGHPUT, MetricNames.NPR_FORMAT_VALID_RATE,
            MetricNames.NPR_PARALLEL_RATE, MetricNames.NPR_BRANCHES_PER_BLOCK, MetricNames.NPR_T_OVER_C,
            MetricNames.NPR_MALFORMED_DROPPED);

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
