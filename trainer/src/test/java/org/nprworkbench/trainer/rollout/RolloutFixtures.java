package org.nprworkbench.trainer.rollout;

import java.util.List;

import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;

/** Hand-made rollouts for tests of the step mathematics (no model involved). */
public final class RolloutFixtures {
    private RolloutFixtures() {
    }

    /** A rollout of prompt {@code group} with the given score (= reward), complete and structurally valid or not. */
    public static Rollout of(int group, int sample, double score, boolean kept) {
        return of(group, sample, score, score, kept, 5);
    }

    /** A rollout with an explicit reward and response length. */
    public static Rollout of(int group, int sample, double score, double reward, boolean kept, int length) {
        Problem p = new Problem("p" + group, "arithmetic", Split.TRAIN, "What is 1 + " + group + "?", "" + (1 + group));
        int[] response = new int[length];
        for (int i = 0; i < length; i++) {
            response[i] = 40 + i % 20;
        }
        return new Rollout(p, group, sample, new int[] {1, 2, 3}, response, kept, false, kept ? null : "malformed", kept,
                length, length, List.of(), false, List.of(), "text", score > 0, 0.0, score, reward);
    }
}
