package org.nprworkbench.trainer.papo;

import static org.nprworkbench.trainer.metrics.MetricNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.trainer.batch.SequenceBatch;
import org.nprworkbench.trainer.checkpoint.ResumableTrainer;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.metrics.StepMetrics;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutGenerator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

/**
 * PAPO steps (Stage 3, §5.3 / §5.3b). One {@link #step}: all prompts x G samples in one run of the
 * parallel engine; responses that did not end normally, fail the structural validator (§1.4 b) or run
 * over the length cap are dropped, not penalised; the rest are rewarded ±1 for accuracy; advantages
 * use each prompt's surviving group mean and the batch std computed once ({@link PapoAdvantage});
 * then, without any old-log-prob pass, one optimiser step per mini-batch, log-probabilities
 * recomputed under the parallel mask and positions of {@code ParallelLayout} (several sequences per
 * forward, each under its own mask), minimising the on-policy surrogate ({@link PapoLoss}) on every
 * response token. Responses are trained as the engine produced them (its token ids, forced tags
 * included), not decoded and re-tokenised: with single-token tags the two agree, and the engine's ids
 * are what its positions refer to. The released code rounds the batch down to a multiple of its 8 GPUs;
 * with one device nothing is rounded.
 */
public final class PapoTrainer implements AutoCloseable, ResumableTrainer {
    private final RolloutGenerator generator;
    private final PapoConfig cfg;
    private final Qwen3Model model;
    private final TagIds tags;
    private final AdamW optimizer;
    private long stepsSoFar;

    public PapoTrainer(RolloutGenerator generator, PapoConfig cfg) {
        this.generator = generator;
        this.cfg = cfg;
        this.model = generator.model();
        this.tags = generator.tokenizer().tags();
        this.optimizer = cfg.optimizer().create(model.parameters());
    }

    /** Whether PAPO keeps a rollout: it ended normally and passes the structural validator within the length cap. */
    public static boolean keeps(Rollout r) {
        return r.complete() && r.structurallyValid() && !r.truncated();
    }

    /**
     * The groups after the filter, in prompt order: each keeps its responses that {@link #keeps}
     * accepts; a group left empty is gone (it has no mean, and adds nothing to the batch std).
     */
    public static List<List<Rollout>> survivors(List<List<Rollout>> groups) {
        List<List<Rollout>> out = new ArrayList<>();
        for (List<Rollout> g : groups) {
            List<Rollout> kept = g.stream().filter(PapoTrainer::keeps).toList();
            if (!kept.isEmpty()) {
                out.add(kept);
            }
        }
        return out;
    }

    /**
     * Advantages of the surviving responses, group after group ({@link PapoAdvantage} over them).
     */
    public static double[] advantages(List<List<Rollout>> survivors, PapoAdvantage.Std std) {
        List<Double> rewards = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int g = 0; g < survivors.size(); g++) {
            for (Rollout r : survivors.get(g)) {
                rewards.add(r.reward());
                ids.add(g);
            }
        }
        return PapoAdvantage.compute(rewards.stream().mapToDouble(Double::doubleValue).toArray(),
                ids.stream().mapToInt(Integer::intValue).toArray(), std);
    }

    /**
     * One RL step on {@code prompts} at learning rate {@code lr}; returns the step's metrics
     * ({@link StepMetrics}, generated = every rollout, dropped ones included) and {@code actor/pg_loss}
     * (mean over optimiser steps of the surrogate's value, -Σ coef), {@code actor/entropy} (token mean
     * over the update's forwards), {@code actor/grad_norm} (mean pre-clip norm), {@code actor/lr},
     * {@code timing_s/*} ({@code old_log_prob} is 0: there is no such pass), {@code perf/throughput},
     * {@code npr/malformed_dropped} (responses dropped by the filter) and {@code npr/optimizer_steps}.
     */
    public Map<String, Double> step(List<Problem> prompts, double lr) {
        long start = System.nanoTime();
        RolloutBatch batch = generator.generate(prompts, cfg.samplesPerPrompt(), cfg.engine(),
                cfg.sampling().withSeed(cfg.sampling().seed() + (stepsSoFar++) * 1_000_003L), RewardFunction.papo());

        // filter: drop, do not penalise
        List<List<Rollout>> survivors = new ArrayList<>();
        List<List<TrainingSequence>> survivorSeqs = new ArrayList<>();
        for (List<Rollout> group : survivors(batch.groups())) {
            List<Rollout> kept = new ArrayList<>();
            List<TrainingSequence> seqs = new ArrayList<>();
            for (Rollout r : group) {
                TrainingSequence s = layout(r);
                if (s != null) {
                    kept.add(r);
                    seqs.add(s);
                }
            }
            if (!kept.isEmpty()) {
                survivors.add(kept);
                survivorSeqs.add(seqs);
            }
        }
        List<Rollout> trained = new ArrayList<>();
        List<TrainingSequence> seqs = new ArrayList<>();
        int[] groupStart = new int[survivors.size() + 1];
        for (int g = 0; g < survivors.size(); g++) {
            groupStart[g] = trained.size();
            trained.addAll(survivors.get(g));
            seqs.addAll(survivorSeqs.get(g));
        }
        groupStart[survivors.size()] = trained.size();
        int dropped = batch.rollouts().size() - trained.size();
        double[] adv = advantages(survivors, cfg.std());

        // update: no old-log-prob pass, one optimiser step per mini-batch of surviving groups
        long t2 = System.nanoTime();
        int groupsPerStep = cfg.promptsPerMiniBatch() == 0 ? Math.max(1, survivors.size()) : cfg.promptsPerMiniBatch();
        double lossSum = 0;
        double normSum = 0;
        double entropySum = 0;
        long tokens = 0;
        long allTokens = 0;
        int optSteps = 0;
        for (int g0 = 0; g0 < survivors.size(); g0 += groupsPerStep) {
            int from = groupStart[g0];
            int to = groupStart[Math.min(survivors.size(), g0 + groupsPerStep)];
            double[] miniAdv = java.util.Arrays.copyOfRange(adv, from, to);
            Backward b = backward(model, seqs.subList(from, to), miniAdv, cfg.aggregation(), cfg.microBatch());
            lossSum += b.loss();
            entropySum += b.entropySum();
            tokens += b.tokens();
            for (TrainingSequence s : seqs.subList(from, to)) {
                allTokens += s.length();
            }
            normSum += optimizer.step(lr);
            optSteps++;
        }
        long t3 = System.nanoTime();

        Map<String, Double> m = new LinkedHashMap<>();
        StepMetrics.generated(m, batch.rollouts());
        StepMetrics.trained(m, trained, adv);
        m.put(ACTOR_PG_LOSS, optSteps == 0 ? 0.0 : lossSum / optSteps);
        m.put(ACTOR_ENTROPY, tokens == 0 ? 0.0 : entropySum / tokens);
        m.put(ACTOR_GRAD_NORM, optSteps == 0 ? 0.0 : normSum / optSteps);
        m.put(ACTOR_LR, lr);
        double stepSeconds = (t3 - start) / 1e9;
        m.put(TIMING_GEN, batch.wallSeconds());
        m.put(TIMING_OLD_LOG_PROB, 0.0);
        m.put(TIMING_UPDATE_ACTOR, (t3 - t2) / 1e9);
        m.put(TIMING_STEP, stepSeconds);
        m.put(PERF_THROUGHPUT, allTokens / stepSeconds);
        m.put(NPR_MALFORMED_DROPPED, (double) dropped);
        m.put(NPR_OPTIMIZER_STEPS, (double) optSteps);
        return m;
    }

    private TrainingSequence layout(Rollout r) {
        try {
            return TrainingSequence.parallel(r.tokens(), r.responseStart(), tags);
        } catch (MalformedStructureException e) {
            return null; // the validator passed it, so this does not happen; a sample that cannot be laid out is dropped
        }
    }

    /** The outcome of accumulating one mini-batch's gradient. */
    public record Backward(double loss, double entropySum, long tokens) {
    }

    /**
     * Accumulates the gradient of the surrogate over one mini-batch into the parameters' gradients
     * (micro-batches of {@code microBatch} sequences, each under its own parallel mask), without an
     * optimiser step. Returns the surrogate's value, the entropy sum over response tokens and their count.
     */
    public static Backward backward(Qwen3Model model, List<TrainingSequence> mini, double[] adv, PapoLoss.Aggregation aggregation,
                             int microBatch) {
        long tokens = 0;
        for (TrainingSequence s : mini) {
            tokens += s.responseLength();
        }
        double loss = 0;
        double entropy = 0;
        for (int m0 = 0; m0 < mini.size(); m0 += microBatch) {
            int m1 = Math.min(mini.size(), m0 + microBatch);
            double[] coef = new double[m1 - m0];
            for (int row = 0; row < coef.length; row++) {
                coef[row] = PapoLoss.coefficient(aggregation, adv[m0 + row], mini.get(m0 + row).responseLength(), tokens,
                        mini.size());
            }
            try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                SequenceBatch sb = SequenceBatch.of(mini.subList(m0, m1));
                SequenceBatch.Forward f = sb.forward(model, true);
                NDArray l = PapoLoss.loss(f.logProbs(), sb.array(model.manager(), sb.perRow(coef)));
                gc.backward(l);
                loss += l.getFloat();
                entropy += f.entropy().mul(f.weights()).sum().getFloat();
            }
        }
        return new Backward(loss, entropy, tokens);
    }

    @Override
    public AdamW.State optimizerState() {
        return optimizer.state();
    }

    @Override
    public long seedOffset() {
        return stepsSoFar;
    }

    @Override
    public void restore(AdamW.State state, long seedOffset) {
        optimizer.restore(state);
        stepsSoFar = seedOffset;
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
