package org.nprworkbench.trainer.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * The rollouts of one engine run: {@code prompts x samples} responses, in prompt order then sample
 * order, with the run's wall time.
 *
 * @param rollouts        every response
 * @param prompts         number of prompts (groups)
 * @param wallSeconds     the engine run
 * @param generatedTokens sum of T over all responses
 */
public record RolloutBatch(List<Rollout> rollouts, int prompts, double wallSeconds, long generatedTokens) {
    public RolloutBatch {
        rollouts = List.copyOf(rollouts);
    }

    /** The responses grouped by prompt, in prompt order (a group is never empty here). */
    public List<List<Rollout>> groups() {
        return groups(rollouts, prompts);
    }

    /** {@code rollouts} grouped by {@link Rollout#group()} in [0, prompts); groups may come out empty. */
    public static List<List<Rollout>> groups(List<Rollout> rollouts, int prompts) {
        List<List<Rollout>> out = new ArrayList<>(prompts);
        for (int i = 0; i < prompts; i++) {
            out.add(new ArrayList<>());
        }
        for (Rollout r : rollouts) {
            out.get(r.group()).add(r);
        }
        return out;
    }
}
