package org.nprworkbench.trainer.dapo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;

/**
 * DAPO's dynamic sampling (§3.2; {@code npr-zero dapo_ray_trainer.py}): a group whose scores have zero
 * spread (every response scored the same, so every advantage would be 0) is dropped; generation
 * rounds, each over a fresh batch of prompts, go on until at least the target number of prompts has
 * been accepted, and then every accepted group is trained on (possibly more than the target). The
 * released code rounds the batch down to a multiple of its 8 GPUs; with one device there is nothing
 * to round. Unlike the released code (which generates without a cap by default, or fails at the cap),
 * the rounds are capped and the step trains on whatever was accepted by then, possibly nothing.
 *
 * <p>The filter reads the rule's score before overlong shaping, as verl's {@code metric=score} does.
 * A group of one response is kept, as verl keeps it.
 */
public final class DynamicSampling {
    private DynamicSampling() {
    }

    /**
     * What the rounds produced.
     *
     * @param accepted       the accepted groups, in generation order
     * @param generated      every rollout of every round
     * @param rounds         generation rounds run
     * @param droppedGroups  groups dropped for zero spread
     * @param genSeconds     time spent generating
     */
    public record Outcome(List<List<Rollout>> accepted, List<Rollout> generated, int rounds, int droppedGroups,
                          double genSeconds) {
        public Outcome {
            accepted = List.copyOf(accepted);
            generated = List.copyOf(generated);
        }

        /** The accepted rollouts, group after group. */
        public List<Rollout> acceptedRollouts() {
            List<Rollout> out = new ArrayList<>();
            accepted.forEach(out::addAll);
            return out;
        }
    }

    /** Whether a group with these scores carries a learning signal: more than one distinct score, or a single response. */
    public static boolean hasSpread(List<Rollout> group) {
        if (group.size() == 1) {
            return true;
        }
        double first = group.get(0).score();
        for (Rollout r : group) {
            if (r.score() != first) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs generation rounds ({@code round.apply(k)} generates round k over a fresh batch of prompts)
     * until {@code targetPrompts} groups are accepted or {@code maxRounds} rounds have run.
     *
     * @param enabled false: one round, every group accepted (dynamic sampling off)
     */
    public static Outcome collect(IntFunction<RolloutBatch> round, int targetPrompts, int maxRounds, boolean enabled) {
        if (maxRounds < 1 || targetPrompts < 1) {
            throw new IllegalArgumentException("need at least one round and one target prompt");
        }
        List<List<Rollout>> accepted = new ArrayList<>();
        List<Rollout> generated = new ArrayList<>();
        int dropped = 0;
        int rounds = 0;
        double seconds = 0;
        while (rounds < (enabled ? maxRounds : 1) && accepted.size() < targetPrompts) {
            RolloutBatch batch = round.apply(rounds);
            rounds++;
            seconds += batch.wallSeconds();
            generated.addAll(batch.rollouts());
            for (List<Rollout> g : batch.groups()) {
                if (g.isEmpty()) {
                    continue;
                }
                if (!enabled || hasSpread(g)) {
                    accepted.add(g);
                } else {
                    dropped++;
                }
            }
        }
        return new Outcome(accepted, generated, rounds, dropped, seconds);
    }
}
