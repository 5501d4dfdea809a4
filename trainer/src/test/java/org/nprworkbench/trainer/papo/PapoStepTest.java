package org.nprworkbench.trainer.papo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.trainer.metrics.RequiredMetrics;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.optim.OptimizerSettings;
import org.nprworkbench.trainer.rollout.MemorisedModel;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.rollout.WeightSnapshot;

/** A whole PAPO step on the micro model: parallel rollouts, the filter, advantages, the on-policy update, metrics. */
class PapoStepTest {
    @Test
    void aStepUpdatesThePolicyAndReportsFiniteMetrics() {
        try (Checkpoint.Loaded ck = MemorisedModel.load()) {
            int budget = MemorisedModel.longestResponse() + 20;
            PapoConfig cfg = new PapoConfig(6, 1, 4, PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN, PapoAdvantage.Std.UNBIASED,
                    EngineConfig.parallel(budget, ForcedLayout.COMPACT), new SamplingParams(1.0, 1.0, 0, 1.0, 9),
                    OptimizerSettings.paperRl().withWeightDecay(0));
            WeightSnapshot before = WeightSnapshot.of(ck.model());
            Map<String, Double> m;
            try (PapoTrainer t = new PapoTrainer(RolloutGenerator.of(ck, PromptTemplate.bare()), cfg)) {
                m = t.step(MemorisedModel.problems(), 1e-3);
            }
            RequiredMetrics.assertPresentAndFinite(m);
            assertEquals(12.0, m.get(MetricNames.NPR_ROLLOUTS));
            double trained = m.get(MetricNames.NPR_TRAINED_SEQUENCES);
            assertEquals(12.0, trained + m.get(MetricNames.NPR_MALFORMED_DROPPED), "every rollout is trained or dropped");
            assertTrue(trained > 0, m.toString());
            assertEquals(0.0, m.get(MetricNames.TIMING_OLD_LOG_PROB), "no old-log-prob pass");
            assertTrue(m.get(MetricNames.NPR_PARALLEL_RATE) > 0.5, "the parallel engine forked: " + m);
            assertTrue(m.get(MetricNames.NPR_T_OVER_C) > 1.0);
            assertTrue(m.get(MetricNames.NPR_OPTIMIZER_STEPS) >= 1);
            assertTrue(m.get(MetricNames.ACTOR_GRAD_NORM) > 0, "some survivor has a non-zero advantage: " + m);
            assertTrue(before.maxChange(ck.model()) > 1e-5, "the weights moved");
        }
    }
}
