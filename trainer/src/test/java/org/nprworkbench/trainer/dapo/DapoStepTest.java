package org.nprworkbench.trainer.dapo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.trainer.metrics.RequiredMetrics;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.optim.OptimizerSettings;
import org.nprworkbench.trainer.reward.OverlongShaping;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.reward.RewardRule;
import org.nprworkbench.trainer.rollout.MemorisedModel;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.rollout.WeightSnapshot;

/** A whole DAPO step on the micro model: rollouts, π_old, advantages, mini-batch updates, metrics. */
class DapoStepTest {
    @Test
    void aStepUpdatesThePolicyAndReportsFiniteMetrics() {
        try (Checkpoint.Loaded ck = MemorisedModel.load()) {
            int budget = MemorisedModel.longestResponse() + 20;
            // weight decay 0: any change of the weights comes from the policy gradient
            DapoConfig cfg = new DapoConfig(2, 4, 1, 3, DapoLoss.Clip.paper(), true, 2,
                    new RewardFunction(RewardRule.PAPER_FORMAT_ACCURACY, OverlongShaping.paperScaled(budget)),
                    EngineConfig.sequential(budget), new SamplingParams(1.0, 1.0, 0, 1.0, 5),
                    OptimizerSettings.paperRl().withWeightDecay(0));
            WeightSnapshot before = WeightSnapshot.of(ck.model());
            int[] asked = {0};
            Map<String, Double> m;
            try (DapoTrainer t = new DapoTrainer(RolloutGenerator.of(ck, PromptTemplate.bare()), cfg)) {
                m = t.step(() -> {
                    asked[0]++;
                    return MemorisedModel.problems();
                }, 1e-3);
            }
            RequiredMetrics.assertPresentAndFinite(m);
            assertEquals(asked[0], m.get(MetricNames.NPR_GEN_ROUNDS).intValue(), "one batch of prompts per round");
            assertEquals(4.0 * asked[0] * 2, m.get(MetricNames.NPR_ROLLOUTS), "every prompt x sample of every round");
            double trained = m.get(MetricNames.NPR_TRAINED_SEQUENCES);
            assertTrue(trained > 0, "some group has reward spread: " + m);
            assertEquals(trained / 4, m.get(MetricNames.NPR_OPTIMIZER_STEPS), "one optimiser step per accepted prompt");
            assertEquals(1e-3, m.get(MetricNames.ACTOR_LR));
            assertTrue(m.get(MetricNames.ACTOR_GRAD_NORM) > 0);
            assertTrue(m.get(MetricNames.ACTOR_ENTROPY) > 0);
            assertTrue(before.maxChange(ck.model()) > 1e-5, "the weights moved");
        }
    }
}
