package org.nprworkbench.trainer.eval;

import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.stage.StageKind;

/**
 * Evaluates a model on problems (npr-method.md §7): every problem times k samples in ONE engine run
 * (parallel or sequential), each answer verified, format-scored and measured, summed up as an
 * {@link EvalResult}. Validation inside training and {@code npr eval} both use it.
 */
public final class Evaluator {
    /**
     * How to evaluate.
     *
     * @param k        samples per problem
     * @param engine   the engine and its token budget
     * @param sampling sampling (the paper: temperature 1, top-p 0.7); sample i of a problem uses seed + i
     */
    public record Settings(int k, EngineConfig engine, SamplingParams sampling) {
        public Settings {
            if (k < 1) {
                throw new IllegalArgumentException("k must be positive: " + k);
            }
        }
    }

    private Evaluator() {
    }

    /**
     * The engine a checkpoint of provenance stage {@code stage} is evaluated on: parallel for the
     * NPR-format stages that learned to fork ({@code beta}, {@code papo}), sequential otherwise.
     * {@code stage} may also name the engine itself ({@code parallel} or {@code sequential}). The parallel
     * engine forces the checkpoint's {@code forced} layout.
     */
    public static EngineConfig engineFor(String stage, int maxNewTokens, ForcedLayout forced) {
        return "beta".equals(stage) || "papo".equals(stage) || "parallel".equals(stage) ? EngineConfig.parallel(maxNewTokens, forced)
                : EngineConfig.sequential(maxNewTokens);
    }

    /** Evaluates {@code generator}'s model on {@code problems}. */
    public static EvalResult evaluate(RolloutGenerator generator, List<Problem> problems, Settings s) {
        RolloutBatch b = generator.generate(problems, s.k(), s.engine(), s.sampling(), RewardFunction.papo());
        return summarise(b, s.k(), s.engine().parallel() ? "parallel" : "sequential");
    }

    /** The figures of {@code batch}, {@code k} answers per problem. */
    public static EvalResult summarise(RolloutBatch batch, int k, String engine) {
        List<List<Rollout>> groups = batch.groups();
        int n = batch.rollouts().size();
        double avg = 0;
        double best = 0;
        for (List<Rollout> g : groups) {
            long c = g.stream().filter(EvalResult::counts).count();
            avg += (double) c / k;
            best += c > 0 ? 1 : 0;
        }
        double format = 0;
        double formatScore = 0;
        double parallel = 0;
        double malformed = 0;
        long t = 0;
        long c = 0;
        double latency = 0;
        for (Rollout r : batch.rollouts()) {
            format += r.formatValid() ? 1 : 0;
            formatScore += r.formatScore();
            parallel += r.forked() ? 1 : 0;
            malformed += EvalResult.malformed(r) ? 1 : 0;
            t += r.totalTokens();
            c += r.criticalPath();
            latency += r.latencySeconds();
        }
        int p = Math.max(1, groups.size());
        int m = Math.max(1, n);
        return new EvalResult(engine, k, groups.size(), avg / p, best / p, format / m, formatScore / m, parallel / m,
                malformed / m, (double) t / m, (double) c / m, c == 0 ? 1.0 : (double) t / c,
                batch.wallSeconds() > 0 ? batch.generatedTokens() / batch.wallSeconds() : 0.0, latency * 1000 / m,
                batch.rollouts());
    }

    /** The first {@code limit} answers of {@code result} as run-store samples of {@code stage} at {@code step}. */
    public static List<RolloutRecord> records(EvalResult result, RolloutGenerator generator, StageKind stage, long step,
                                              RolloutKind kind, int limit) {
        List<RolloutRecord> out = new ArrayList<>();
        for (Rollout r : result.rollouts()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(record(r, generator, stage, step, kind));
        }
        return out;
    }

    /** {@code r} as a run-store sample. */
    public static RolloutRecord record(Rollout r, RolloutGenerator generator, StageKind stage, long step, RolloutKind kind) {
        int branches = r.blockBranches().stream().mapToInt(Integer::intValue).sum();
        return new RolloutRecord(stage, step, kind, r.problem().id(), r.sample(), generator.userMessage(r.problem()),
                r.text(), kind == RolloutKind.EVAL ? null : r.reward(), EvalResult.counts(r), r.formatScore(),
                r.totalTokens(), r.criticalPath(), branches, null);
    }
}
