package org.nprworkbench.trainer.rollout;

import java.util.List;

import org.nprworkbench.problems.task.Problem;

/**
 * One sampled response to one prompt of an RL step, with everything the update and the metrics need.
 *
 * @param problem            the problem answered
 * @param group              index of the prompt within its rollout batch (samples of one prompt share it)
 * @param sample             sample index within the group
 * @param prompt             prompt token ids (prompt format applied)
 * @param response           the response tokens trained on, in the engine's merged order: everything the
 *                           engine produced (forced tags included), cut to the token budget, so a
 *                           complete response ends with eos and a truncated one does not
 * @param complete           the trajectory ended normally (eos in sequential text)
 * @param truncated          the token budget ran out (the response was clipped at the limit)
 * @param engineReason       why the engine ended it malformed (null when complete)
 * @param structurallyValid  the response passes the token-level structural validator (§1.4 b) with the
 *                           rollout's length cap (with {@code complete}, the PAPO filter)
 * @param totalTokens        T: the engine's count of generated tokens, all branches and forced tags
 * @param criticalPath       C: the engine's critical path (= T on the sequential engine)
 * @param branchesPerBlock   branches of each block the engine forked (empty on the sequential engine)
 * @param forked             the engine really forked at least once
 * @param layoutBranches     branches of each block of the response as {@code ParallelLayout} lays it out
 *                           (empty when it cannot be laid out), so sequential rollouts report blocks too
 * @param text               the response as text, without eos
 * @param correct            the task verifier's verdict
 * @param formatScore        the text format score (§1.4 a) in [-2, 0]
 * @param score              the reward rule's score, before shaping
 * @param reward             the reward used for advantages (score plus overlong shaping)
 * @param latencySeconds     the engine's time from admission to the end of this answer (0 if unknown)
 */
public record Rollout(Problem problem, int group, int sample, int[] prompt, int[] response,
                      boolean complete, boolean truncated, String engineReason, boolean structurallyValid,
                      int totalTokens, int criticalPath, List<Integer> branchesPerBlock, boolean forked, List<Integer> layoutBranches,
                      String text, boolean correct, double formatScore, double score, double reward,
                      double latencySeconds) {

    /** A rollout whose latency is unknown (0). */
    public Rollout(Problem problem, int group, int sample, int[] prompt, int[] response,
                   boolean complete, boolean truncated, String engineReason, boolean structurallyValid,
                   int totalTokens, int criticalPath, List<Integer> branchesPerBlock, boolean forked, List<Integer> layoutBranches,
                   String text, boolean correct, double formatScore, double score, double reward) {
        this(problem, group, sample, prompt, response, complete, truncated, engineReason, structurallyValid, totalTokens,
                criticalPath, branchesPerBlock, forked, layoutBranches, text, correct, formatScore, score, reward, 0.0);
    }

    public Rollout {
        prompt = prompt.clone();
        response = response.clone();
        branchesPerBlock = List.copyOf(branchesPerBlock);
        layoutBranches = List.copyOf(layoutBranches);
    }

    /** Prompt and response as one sequence; the response occupies {@code [prompt.length, length)}. */
    public int[] tokens() {
        int[] all = java.util.Arrays.copyOf(prompt, prompt.length + response.length);
        System.arraycopy(response, 0, all, prompt.length, response.length);
        return all;
    }

    /** Index of the first response token in {@link #tokens()}. */
    public int responseStart() {
        return prompt.length;
    }

    /** |y|: the number of trained response tokens. */
    public int responseLength() {
        return response.length;
    }

    /** Branches of each block: the engine's when it forked, else the layout's. */
    public List<Integer> blockBranches() {
        return forked ? branchesPerBlock : layoutBranches;
    }

    /** Whether the text is well formed (format score exactly 0). */
    public boolean formatValid() {
        return formatScore == 0.0;
    }

    /**
     * Whether the answer is parallel in the paper's sense (§7.2 [REC]): the engine forked, or, for a
     * sequential rollout, the response holds a block the parallel engine would have forked.
     */
    public boolean parallel() {
        return forked || (structurallyValid && !layoutBranches.isEmpty());
    }
}
