package org.nprworkbench.trainer.dapo;

import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.trainer.optim.OptimizerSettings;
import org.nprworkbench.trainer.reward.OverlongShaping;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.reward.RewardRule;

/**
 * One DAPO step's settings (Stage 1 NPR-Zero, and the SR baseline): §3.1 and §3.2.
 *
 * @param promptsPerStep      accepted prompts to collect before updating (the paper's train batch, 32)
 * @param samplesPerPrompt    responses per prompt G (16)
 * @param promptsPerMiniBatch prompts' groups per optimiser step (the paper: 1, so about 32 optimiser
 *                            steps per rollout batch)
 * @param microBatch          sequences per forward pass (gradients accumulate over a mini-batch)
 * @param clip                ε_low, ε_high and the dual clip c
 * @param dynamicSampling     drop zero-spread groups and keep generating
 * @param maxGenRounds        at most this many generation rounds per step
 * @param reward              reward rule and overlong shaping
 * @param engine              the rollout engine: sequential, with the response budget
 * @param sampling            rollout sampling (the paper: temperature 1, top-p 1, no top-k); each round
 *                            offsets its seed
 * @param optimizer           AdamW settings
 */
public record DapoConfig(int promptsPerStep, int samplesPerPrompt, int promptsPerMiniBatch, int microBatch,
                         DapoLoss.Clip clip, boolean dynamicSampling, int maxGenRounds, RewardFunction reward,
                         EngineConfig engine, SamplingParams sampling, OptimizerSettings optimizer) {
    public DapoConfig {
        if (promptsPerStep < 1 || samplesPerPrompt < 1 || promptsPerMiniBatch < 1 || microBatch < 1 || maxGenRounds < 1) {
            throw new IllegalArgumentException("DAPO needs positive prompts per step, samples, mini-batch, micro-batch "
                    + "and generation rounds");
        }
        if (engine.parallel()) {
            throw new IllegalArgumentException("DAPO rollouts are sequential: use EngineConfig.sequential");
        }
    }

    /**
     * The paper's Stage-1 settings with the given scale: the paper's reward rule with overlong shaping
     * scaled to the budget, clip-higher 0.2/0.28, dual clip 10, rollouts at temperature 1 and top-p 1,
     * AdamW betas (0.9, 0.999), weight decay 0.1, clip 1.0; 4 sequences per forward (a memory choice:
     * the gradient is the same for any micro-batch size).
     */
    public static DapoConfig paper(int promptsPerStep, int samplesPerPrompt, int promptsPerMiniBatch, int maxNewTokens,
                                   int maxGenRounds, long seed) {
        return new DapoConfig(promptsPerStep, samplesPerPrompt, promptsPerMiniBatch, 4,
                DapoLoss.Clip.paper(), true, maxGenRounds,
                new RewardFunction(RewardRule.PAPER_FORMAT_ACCURACY, OverlongShaping.paperScaled(maxNewTokens)),
                EngineConfig.sequential(maxNewTokens), new SamplingParams(1.0, 1.0, 0, 1.0, seed),
                OptimizerSettings.paperRl());
    }
}
