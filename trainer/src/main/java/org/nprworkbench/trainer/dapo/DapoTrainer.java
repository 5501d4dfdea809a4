package org.nprworkbench.trainer.dapo;

import static org.nprworkbench.trainer.metrics.MetricNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.nprworkbench.engine.autograd.Scalar;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.trainer.batch.SequenceBatch;
import org.nprworkbench.trainer.checkpoint.ResumableTrainer;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.metrics.StepMetrics;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutGenerator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

/**
 * DAPO steps (§3.2) on sequential rollouts with the causal mask: Stage 1 (NPR-Zero) and the SR
 * baseline. One {@link #step} is: generation rounds with dynamic sampling (every prompt x sample of a
 * round in one engine run); π_old log-probabilities recomputed without gradient on the accepted
 * responses; group advantages; then one optimiser step per mini-batch of {@code promptsPerMiniBatch}
 * groups (ppo_epochs = 1), each minimising the token mean over the mini-batch's response tokens of the
 * clipped, dual-clipped surrogate ({@link DapoLoss}), with gradient-norm clipping in AdamW. No KL, no
 * entropy term. The optimiser's moments persist across steps; {@link #close()} releases them.
 */
public final class DapoTrainer implements AutoCloseable, ResumableTrainer {
    private final RolloutGenerator generator;
    private final DapoConfig cfg;
    private final Qwen3Model model;
    private final AdamW optimizer;
    private long roundsSoFar;

    public DapoTrainer(RolloutGenerator generator, DapoConfig cfg) {
        this.generator = generator;
        this.cfg = cfg;
        this.model = generator.model();
        this.optimizer = cfg.optimizer().create(model.parameters());
    }

    /**
     * One RL step at learning rate {@code lr}. {@code nextPrompts} yields a fresh batch of prompts for
     * each generation round. Returns the step's metrics ({@link StepMetrics} and below).
     *
     * <p>Besides the rollout metrics: {@code actor/pg_loss} (mean over optimiser steps of the
     * mini-batch loss), {@code actor/pg_clipfrac}, {@code actor/pg_clipfrac_lower} and
     * {@code actor/ppo_kl} (token means over the update), {@code actor/entropy} (token mean from the
     * π_old pass), {@code actor/grad_norm} (mean pre-clip norm over optimiser steps), {@code actor/lr},
     * {@code timing_s/*}, {@code perf/throughput} (prompt and response tokens of the trained sequences
     * per second of the step), {@code npr/gen_rounds}, {@code npr/zero_spread_groups},
     * {@code npr/optimizer_steps} and {@code npr/malformed_dropped} (always 0: DAPO penalises, it drops
     * nothing).
     */
    public Map<String, Double> step(Supplier<List<Problem>> nextPrompts, double lr) {
        long start = System.nanoTime();
        DynamicSampling.Outcome o = DynamicSampling.collect(k -> generator.generate(nextPrompts.get(),
                        cfg.samplesPerPrompt(), cfg.engine(), cfg.sampling().withSeed(roundSeed(roundsSoFar++)), cfg.reward()),
                cfg.promptsPerStep(), cfg.maxGenRounds(), cfg.dynamicSampling());
        List<Rollout> trained = o.acceptedRollouts();
        int n = trained.size();
        List<TrainingSequence> seqs = new ArrayList<>(n);
        double[] rewards = new double[n];
        int[] groups = new int[n];
        int[] groupStart = new int[o.accepted().size() + 1];
        int i = 0;
        for (int g = 0; g < o.accepted().size(); g++) {
            groupStart[g] = i;
            for (Rollout r : o.accepted().get(g)) {
                seqs.add(TrainingSequence.causal(r.tokens(), r.responseStart()));
                rewards[i] = r.reward();
                groups[i] = g;
                i++;
            }
        }
        groupStart[o.accepted().size()] = n;
        double[] adv = GroupAdvantage.compute(rewards, groups);

        // π_old: the policy that generated, recomputed without gradient (standard verl)
        long t1 = System.nanoTime();
        float[][] old = new float[n][];
        double entropySum = 0;
        long responseTokens = 0;
        long allTokens = 0;
        try (InferenceMode off = InferenceMode.enter()) {
            for (int from = 0; from < n; from += cfg.microBatch()) {
                int to = Math.min(n, from + cfg.microBatch());
                try (NDScope scope = new NDScope()) {
                    SequenceBatch sb = SequenceBatch.of(seqs.subList(from, to));
                    SequenceBatch.Forward f = sb.forward(model, true);
                    float[] lp = f.logProbs().toFloatArray();
                    entropySum += f.entropy().mul(f.weights()).sum().getFloat();
                    responseTokens += sb.responseTokens();
                    for (int row = 0; row < to - from; row++) {
                        old[from + row] = sb.responseValues(lp, row);
                        allTokens += sb.sequence(row).length();
                    }
                }
            }
        }

        // the update: one optimiser step per mini-batch of whole groups
        long t2 = System.nanoTime();
        double lossSum = 0;
        double normSum = 0;
        int optSteps = 0;
        long clipped = 0;
        long dualClipped = 0;
        double klSum = 0;
        int groupCount = o.accepted().size();
        for (int g0 = 0; g0 < groupCount; g0 += cfg.promptsPerMiniBatch()) {
            int from = groupStart[g0];
            int to = groupStart[Math.min(groupCount, g0 + cfg.promptsPerMiniBatch())];
            long tokens = 0;
            for (int k = from; k < to; k++) {
                tokens += seqs.get(k).responseLength();
            }
            if (tokens == 0) {
                continue;
            }
            double miniLoss = 0;
            for (int m0 = from; m0 < to; m0 += cfg.microBatch()) {
                int m1 = Math.min(to, m0 + cfg.microBatch());
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    SequenceBatch sb = SequenceBatch.of(seqs.subList(m0, m1));
                    SequenceBatch.Forward f = sb.forward(model, false);
                    float[][] oldRows = new float[m1 - m0][];
                    double[] advRows = new double[m1 - m0];
                    for (int row = 0; row < m1 - m0; row++) {
                        oldRows[row] = old[m0 + row];
                        advRows[row] = adv[m0 + row];
                    }
                    NDArray losses = DapoLoss.tokenLosses(f.logProbs(), sb.array(model.manager(), sb.perToken(oldRows)),
                            sb.array(model.manager(), sb.perRow(advRows)), cfg.clip());
                    NDArray loss = losses.mul(f.weights()).sum().div(Scalar.of(losses, tokens)); // token mean over the mini-batch
                    gc.backward(loss);
                    miniLoss += loss.getFloat();
                    float[] lp = f.logProbs().toFloatArray();
                    for (int row = 0; row < m1 - m0; row++) {
                        float[] now = sb.responseValues(lp, row);
                        for (int k = 0; k < now.length; k++) {
                            double ratio = DapoLoss.ratio(now[k], oldRows[row][k]);
                            clipped += DapoLoss.ratioClipped(ratio, advRows[row], cfg.clip()) ? 1 : 0;
                            dualClipped += DapoLoss.dualClipped(ratio, advRows[row], cfg.clip()) ? 1 : 0;
                            klSum += oldRows[row][k] - now[k];
                        }
                    }
                }
            }
            normSum += optimizer.step(lr);
            lossSum += miniLoss;
            optSteps++;
        }
        long t3 = System.nanoTime();

        Map<String, Double> m = new LinkedHashMap<>();
        StepMetrics.generated(m, o.generated());
        StepMetrics.trained(m, trained, adv);
        m.put(ACTOR_PG_LOSS, optSteps == 0 ? 0.0 : lossSum / optSteps);
        m.put(ACTOR_PG_CLIPFRAC, responseTokens == 0 ? 0.0 : (double) clipped / responseTokens);
        m.put(ACTOR_PG_CLIPFRAC_LOWER, responseTokens == 0 ? 0.0 : (double) dualClipped / responseTokens);
        m.put(ACTOR_PPO_KL, responseTokens == 0 ? 0.0 : klSum / responseTokens);
        m.put(ACTOR_ENTROPY, responseTokens == 0 ? 0.0 : entropySum / responseTokens);
        m.put(ACTOR_GRAD_NORM, optSteps == 0 ? 0.0 : normSum / optSteps);
        m.put(ACTOR_LR, lr);
        double stepSeconds = (t3 - start) / 1e9;
        m.put(TIMING_GEN, o.genSeconds());
        m.put(TIMING_OLD_LOG_PROB, (t2 - t1) / 1e9);
        m.put(TIMING_UPDATE_ACTOR, (t3 - t2) / 1e9);
        m.put(TIMING_STEP, stepSeconds);
        m.put(PERF_THROUGHPUT, allTokens / stepSeconds);
        m.put(NPR_GEN_ROUNDS, (double) o.rounds());
        m.put(NPR_ZERO_SPREAD_GROUPS, (double) o.droppedGroups());
        m.put(NPR_OPTIMIZER_STEPS, (double) optSteps);
        m.put(NPR_MALFORMED_DROPPED, 0.0);
        return m;
    }

    /** The sampling seed of generation round {@code round}: far enough apart that no two rounds share a sample's stream. */
    private long roundSeed(long round) {
        return cfg.sampling().seed() + round * 1_000_003L;
    }

    @Override
    public AdamW.State optimizerState() {
        return optimizer.state();
    }

    @Override
    public long seedOffset() {
        return roundsSoFar;
    }

    @Override
    public void restore(AdamW.State state, long seedOffset) {
        optimizer.restore(state);
        roundsSoFar = seedOffset;
    }

    /** Releases the optimiser state and turns the parameters' gradient tracking off. */
    @Override
    public void close() {
        optimizer.close();
        for (NDArray p : model.parameters()) {
            p.setRequiresGradient(false);
        }
    }
}
