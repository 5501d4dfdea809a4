package org.nprworkbench.trainer.metrics;

import static org.nprworkbench.trainer.metrics.MetricNames.*;

import java.util.List;
import java.util.Map;

import org.nprworkbench.trainer.rollout.Rollout;

/**
 * The rollout and advantage statistics of an RL step, under {@link MetricNames}.
 *
 * <p>Over <b>every rollout generated</b> in the step (all dynamic-sampling rounds, PAPO's dropped
 * samples included), since they describe what the policy wrote: {@code response_length/mean} and
 * {@code /max} (trained response tokens |y|), {@code response_length/clip_ratio} (share that ran into
 * the token budget), {@code npr/accuracy}, {@code npr/format_valid_rate} (text format score exactly 0),
 * {@code npr/structure_valid_rate} (§1.4 b), {@code npr/parallel_rate} ({@link Rollout#parallel()}),
 * {@code npr/branches_per_block} (mean over all blocks), {@code npr/t_over_c} (sum of T over sum of C,
 * i.e. mean T / mean C; 1 on the sequential engine) and {@code npr/rollouts}.
 *
 * <p>Over the <b>trained</b> rollouts only (what the update sees): {@code critic/score/*} (the reward
 * rule's score, before overlong shaping), {@code critic/rewards/mean} (after it),
 * {@code critic/advantages/*} (mean over response tokens, as verl's masked mean; max and min over
 * sequences) and {@code npr/trained_sequences}. With nothing trained these are 0.
 */
public final class StepMetrics {
    private StepMetrics() {
    }

    /** Adds the statistics of everything generated in a step. */
    public static void generated(Map<String, Double> m, List<Rollout> generated) {
        int n = generated.size();
        double len = 0;
        double maxLen = 0;
        int clipped = 0;
        int correct = 0;
        int format = 0;
        int structure = 0;
        int parallel = 0;
        long blocks = 0;
        long branches = 0;
        long t = 0;
        long c = 0;
        for (Rollout r : generated) {
            len += r.responseLength();
            maxLen = Math.max(maxLen, r.responseLength());
            clipped += r.truncated() ? 1 : 0;
            correct += r.correct() ? 1 : 0;
            format += r.formatValid() ? 1 : 0;
            structure += r.structurallyValid() ? 1 : 0;
            parallel += r.parallel() ? 1 : 0;
            for (int b : r.blockBranches()) {
                blocks++;
                branches += b;
            }
            t += r.totalTokens();
            c += r.criticalPath();
        }
        m.put(RESPONSE_LENGTH_MEAN, ratio(len, n));
        m.put(RESPONSE_LENGTH_MAX, maxLen);
        m.put(RESPONSE_LENGTH_CLIP_RATIO, ratio(clipped, n));
        m.put(NPR_ACCURACY, ratio(correct, n));
        m.put(NPR_FORMAT_VALID_RATE, ratio(format, n));
        m.put(NPR_STRUCTURE_VALID_RATE, ratio(structure, n));
        m.put(NPR_PARALLEL_RATE, ratio(parallel, n));
        m.put(NPR_BRANCHES_PER_BLOCK, ratio(branches, blocks));
        m.put(NPR_T_OVER_C, c == 0 ? 1.0 : (double) t / c);
        m.put(NPR_ROLLOUTS, (double) n);
    }

    /** Adds the statistics of the trained rollouts and their advantages ({@code advantages[i]} for rollout i). */
    public static void trained(Map<String, Double> m, List<Rollout> trained, double[] advantages) {
        int n = trained.size();
        double score = 0;
        double reward = 0;
        double scoreMax = n == 0 ? 0 : Double.NEGATIVE_INFINITY;
        double scoreMin = n == 0 ? 0 : Double.POSITIVE_INFINITY;
        double advTokens = 0;
        long tokens = 0;
        double advMax = n == 0 ? 0 : Double.NEGATIVE_INFINITY;
        double advMin = n == 0 ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Rollout r = trained.get(i);
            score += r.score();
            reward += r.reward();
            scoreMax = Math.max(scoreMax, r.score());
            scoreMin = Math.min(scoreMin, r.score());
            advTokens += advantages[i] * r.responseLength();
            tokens += r.responseLength();
            advMax = Math.max(advMax, advantages[i]);
            advMin = Math.min(advMin, advantages[i]);
        }
        m.put(SCORE_MEAN, ratio(score, n));
        m.put(SCORE_MAX, scoreMax);
        m.put(SCORE_MIN, scoreMin);
        m.put(REWARDS_MEAN, ratio(reward, n));
        m.put(ADVANTAGES_MEAN, ratio(advTokens, tokens));
        m.put(ADVANTAGES_MAX, advMax);
        m.put(ADVANTAGES_MIN, advMin);
        m.put(NPR_TRAINED_SEQUENCES, (double) n);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0.0 : a / b;
    }
}
