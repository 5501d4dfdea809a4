package org.nprworkbench.trainer.eval;

import java.util.List;

import org.nprworkbench.trainer.rollout.Rollout;

import com.google.gson.JsonObject;

/**
 * One evaluation's figures (npr-method.md §7.2) over {@code nProblems} problems times {@code k} samples.
 * An answer counts as correct only when the verifier accepts it and it is well formed: it ended
 * normally, within the budget, and passes the structural validator (malformed or truncated = wrong).
 *
 * @param engine           {@code parallel} or {@code sequential}
 * @param avgAtK           mean over problems of (correct answers / k)
 * @param bestAtK          share of problems with at least one correct answer
 * @param formatValidRate  share of answers with text format score exactly 0
 * @param meanFormatScore  mean text format score
 * @param parallelRate     share of answers in which the engine really forked
 * @param malformedRate    share of answers that did not end normally or fail the structural validator
 * @param meanTokens       T: mean generated tokens per answer, every branch counted
 * @param meanCriticalPath C: mean critical path per answer
 * @param tOverC           sum T / sum C
 * @param tokensPerSecond  all generated tokens / wall time of the one engine run
 * @param meanLatencyMs    mean time from admission to end of an answer in the batched run
 * @param rollouts         every answer, problem after problem
 */
public record EvalResult(String engine, int k, int nProblems, double avgAtK, double bestAtK, double formatValidRate,
                         double meanFormatScore, double parallelRate, double malformedRate, double meanTokens,
                         double meanCriticalPath, double tOverC, double tokensPerSecond, double meanLatencyMs,
                         List<Rollout> rollouts) {
    public EvalResult {
        rollouts = List.copyOf(rollouts);
    }

    /** Whether {@code r} counts as a correct answer: verified, complete, within budget, structurally valid. */
    public static boolean counts(Rollout r) {
        return r.correct() && r.complete() && !r.truncated() && r.structurallyValid();
    }

    /** Whether {@code r} is malformed: it did not end normally or fails the structural validator. */
    public static boolean malformed(Rollout r) {
        return !r.complete() || !r.structurallyValid();
    }

    /** The figures as one JSON object with snake_case keys (what {@code npr eval --json} prints). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("engine", engine);
        o.addProperty("k", k);
        o.addProperty("n_problems", nProblems);
        o.addProperty("avg_at_k", avgAtK);
        o.addProperty("best_at_k", bestAtK);
        o.addProperty("format_valid_rate", formatValidRate);
        o.addProperty("mean_format_score", meanFormatScore);
        o.addProperty("parallel_rate", parallelRate);
        o.addProperty("malformed_rate", malformedRate);
        o.addProperty("mean_tokens", meanTokens);
        o.addProperty("mean_critical_path", meanCriticalPath);
        o.addProperty("t_over_c", tOverC);
        o.addProperty("tokens_per_second", tokensPerSecond);
        o.addProperty("mean_latency_ms", meanLatencyMs);
        return o;
    }
}
