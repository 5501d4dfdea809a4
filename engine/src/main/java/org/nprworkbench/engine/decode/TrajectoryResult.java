package org.nprworkbench.engine.decode;

import java.util.List;

/**
 * A decoded trajectory. The response is flattened in the engine's merged order (prefix, step 1,
 * step 2, ..., takeaway, ...), which is the order {@code ParallelLayout} reads; the per-token arrays
 * run parallel to it.
 *
 * @param positions        position id of each response token (equal to {@code ParallelLayout}'s)
 * @param logProbs         the model's log-probability of each token given what it could see
 * @param entropies        entropy (nats) of the distribution each token was chosen from
 * @param decodeSteps      engine step at which each token was decided
 * @param status           how it ended
 * @param reason           why it is malformed (null when complete)
 * @param totalTokens      T: every response token over all branches, forced ones included
 * @param criticalPath     C: largest position + 1 - prompt length
 * @param branchesPerBlock branches of each block the engine forked
 * @param wallSeconds      from admission to the end
 */
public record TrajectoryResult(String id, int sample, int[] prompt, int[] response, int[] positions,
                               float[] logProbs, float[] entropies, int[] decodeSteps,
                               Status status, String reason, int totalTokens, int criticalPath,
                               List<Integer> branchesPerBlock, double wallSeconds) {

    /** How a trajectory ended. */
    public enum Status {
        /** Ended with eos in sequential text. */
        COMPLETE,
        /** Ended by an engine rule: illegal layout, eos in a step, exhausted budget, ... */
        MALFORMED
    }

    /** Whether the engine really forked at least once. */
    public boolean forked() {
        return !branchesPerBlock.isEmpty();
    }

    /**
     * The response tokens to show as text: without a final {@code eos}, and at most {@code limit}
     * (a trajectory stopped by its budget holds the one token that crossed it).
     */
    public int[] text(int eos, int limit) {
        int n = response.length > 0 && response[response.length - 1] == eos ? response.length - 1 : response.length;
        return java.util.Arrays.copyOf(response, Math.min(n, limit));
    }

    /** Prompt and response as one sequence. */
    public int[] tokens() {
        int[] all = java.util.Arrays.copyOf(prompt, prompt.length + response.length);
        System.arraycopy(response, 0, all, prompt.length, response.length);
        return all;
    }
}
