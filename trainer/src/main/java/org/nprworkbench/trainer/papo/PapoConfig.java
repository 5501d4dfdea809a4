package org.nprworkbench.trainer.papo;

import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.trainer.optim.OptimizerSettings;

/**
 * One PAPO step's settings (Stage 3): §5.3 and §5.4.
 *
 * @param samplesPerPrompt    responses per prompt G (16)
 * @param promptsPerMiniBatch prompts' surviving groups per optimiser step (the released code: 1, so
 *                            N optimiser steps per rollout batch); 0 = the whole batch in one step
 *                            (closer to on-policy, §5.3b)
 * @param microBatch          sequences per forward pass (the released code: 1); gradients accumulate
 * @param aggregation         global token mean (the paper) or per-sequence mean (the code)
 * @param std                 which batch standard deviation ({@link PapoAdvantage})
 * @param engine              the rollout engine: parallel; its token budget is also the length cap
 *                            over which a response is dropped
 * @param sampling            rollout sampling (the paper: temperature 1, top-p 1, no top-k); each step
 *                            offsets its seed
 * @param optimizer           AdamW settings (the paper: lr 1e-7 constant, weight decay 0.1, clip 1.0)
 */
public record PapoConfig(int samplesPerPrompt, int promptsPerMiniBatch, int microBatch, PapoLoss.Aggregation aggregation,
                         PapoAdvantage.Std std, EngineConfig engine, SamplingParams sampling, OptimizerSettings optimizer) {
    public PapoConfig {
        if (samplesPerPrompt < 1 || promptsPerMiniBatch < 0 || microBatch < 1) {
            throw new IllegalArgumentException("PAPO needs positive samples and micro-batch and a mini-batch >= 0");
        }
        if (!engine.parallel()) {
            throw new IllegalArgumentException("PAPO rollouts come from the parallel engine: use EngineConfig.parallel");
        }
    }

    /**
     * The paper's Stage-3 settings at the given scale, with the checkpoint's forced layout (global token mean, unbiased σ, verl's AdamW,
     * temperature 1), 4 sequences per forward (a memory choice: the gradient does not depend on it).
     */
    public static PapoConfig paper(int samplesPerPrompt, int promptsPerMiniBatch, int maxNewTokens, ForcedLayout forced,
                                   long seed) {
        return new PapoConfig(samplesPerPrompt, promptsPerMiniBatch, 4, PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN,
                PapoAdvantage.Std.UNBIASED, EngineConfig.parallel(maxNewTokens, forced), new SamplingParams(1.0, 1.0, 0, 1.0, seed),
                OptimizerSettings.paperRl());
    }
}
