package org.nprworkbench.engine.decode;

import org.nprworkbench.engine.tokenizer.ForcedLayout;

/**
 * How the decode engine runs.
 *
 * @param parallel              true: the NPR engine (fork at {@code </guideline>}, join after the last
 *                              {@code </step>}); false: the sequential baseline (plain causal decoding)
 * @param maxNewTokens          total-token budget T per trajectory, over all branches, forced tokens included
 * @param maxCriticalPath       critical-path budget C per trajectory (depth in positions)
 * @param forkMargin            no fork when fewer than this many tokens of the total budget remain
 * @param stepRepetitionPenalty repetition penalty the engine gives every branch (inside steps only,
 *                              npr-method.md §6 row 4), over the tokens that branch generated
 * @param maxActiveTrajectories trajectories decoded at once (the rest wait and are admitted as others end);
 *                              fewer when their keys and values would not fit the engine's 4 GiB pool
 * @param forced                the text the parallel engine forces around branches, the checkpoint's
 *                              {@link ForcedLayout}; null for the sequential engine, which forces nothing
 */
public record EngineConfig(boolean parallel, int maxNewTokens, int maxCriticalPath, int forkMargin,
                           double stepRepetitionPenalty, int maxActiveTrajectories, ForcedLayout forced) {

    public EngineConfig {
        if (maxNewTokens < 1 || maxCriticalPath < 1 || forkMargin < 0 || maxActiveTrajectories < 1) {
            throw new IllegalArgumentException("budgets and concurrency must be positive");
        }
        if (stepRepetitionPenalty <= 0) {
            throw new IllegalArgumentException("the step repetition penalty must be positive: " + stepRepetitionPenalty);
        }
        if (parallel && forced == null) {
            throw new IllegalArgumentException("the parallel engine needs the checkpoint's forced layout");
        }
    }

    /**
     * The NPR engine with the paper's settings scaled to a budget: critical path capped by the same
     * budget, fork margin 4% of it (at least 16 tokens), penalty 1.02 inside steps; it forces
     * {@code forced}'s text (the checkpoint's layout).
     */
    public static EngineConfig parallel(int maxNewTokens, ForcedLayout forced) {
        return new EngineConfig(true, maxNewTokens, maxNewTokens, Math.max(16, maxNewTokens / 25), 1.02, 64, forced);
    }

    /** The sequential baseline with the same budget. */
    public static EngineConfig sequential(int maxNewTokens) {
        return new EngineConfig(false, maxNewTokens, maxNewTokens, 0, 1.0, 64, null);
    }

    public EngineConfig withMaxActive(int n) {
        return new EngineConfig(parallel, maxNewTokens, maxCriticalPath, forkMargin, stepRepetitionPenalty, n, forced);
    }

    public EngineConfig withStepRepetitionPenalty(double p) {
        return new EngineConfig(parallel, maxNewTokens, maxCriticalPath, forkMargin, p, maxActiveTrajectories, forced);
    }
}
