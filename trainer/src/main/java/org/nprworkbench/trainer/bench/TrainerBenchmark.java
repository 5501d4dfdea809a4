package org.nprworkbench.trainer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.nprworkbench.engine.autograd.Scalar;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SeedExample;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.batch.SequenceBatch;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.dapo.DapoConfig;
import org.nprworkbench.trainer.dapo.DapoTrainer;
import org.nprworkbench.trainer.eval.Evaluator;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.papo.PapoAdvantage;
import org.nprworkbench.trainer.papo.PapoConfig;
import org.nprworkbench.trainer.papo.PapoLoss;
import org.nprworkbench.trainer.papo.PapoTrainer;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

/**
 * {@code npr bench trainer}: where training time goes, measured side by side in one run on one model.
 * <ul>
 * <li>SFT: tokens per second of a training step (forward + backward + AdamW) against the forward
 * alone, on a batch of the task's programmatic NPR solutions; and the same step with those very
 * sequences laid out by {@code ParallelLayout} (parallel mask and positions) against causal.</li>
 * <li>RL: one DAPO step (sequential engine; dynamic sampling off so an untrained model's groups are
 * kept) and one PAPO step (parallel engine), each split into rollout, old-log-prob (PAPO has none)
 * and update seconds; then the step's metrics and rollouts (with execution graphs) are recorded into
 * a temporary run store, and that time's share of step + recording is reported.</li>
 * </ul>
 * PAPO trains only on rollouts that pass the structural validator; an untrained model writes none,
 * so the PAPO update is filled up to the step's batch with the task's programmatic NPR solutions
 * ({@link Step#corpusSequences} says how many), laid out by {@code ParallelLayout} as PAPO lays out
 * its rollouts. Every SFT figure is the median of {@code repetitions} timed runs after two warm-up
 * rounds; in each repetition the four SFT figures are timed back to back and the two ratios are the
 * medians of the per-repetition ratios.
 */
public final class TrainerBenchmark {
    /**
     * What to measure.
     *
     * @param task         task family whose NPR solutions and problems are used
     * @param batch        sequences per SFT step
     * @param repetitions  timed repetitions of each SFT figure (median)
     * @param prompts      prompts per RL step
     * @param samples      samples per prompt
     * @param maxNewTokens rollout budget
     * @param seed         corpus, problem and sampling seed
     */
    public record Settings(String task, int batch, int repetitions, int prompts, int samples, int maxNewTokens, long seed) {
        public Settings {
            if (batch < 1 || repetitions < 1 || prompts < 1 || samples < 1 || maxNewTokens < 1) {
                throw new IllegalArgumentException("benchmark sizes must be positive");
            }
        }
    }

    /**
     * One RL step's split.
     *
     * @param generatedTokens   response tokens the engine produced
     * @param trainedSequences  sequences the update trained on
     * @param corpusSequences   of those, programmatic NPR solutions filling in for dropped rollouts (PAPO)
     * @param stepSeconds       rollout + old-log-prob + update
     * @param storeSeconds      recording the step's metrics and rollouts (with graphs) in a run store
     * @param storeShare        storeSeconds / (stepSeconds + storeSeconds)
     */
    public record Step(String engine, int prompts, int samples, int maxNewTokens, long generatedTokens,
                       int trainedSequences, int corpusSequences, double rolloutSeconds, double oldLogProbSeconds,
                       double updateSeconds, double stepSeconds, double rolloutShare, double oldLogProbShare,
                       double updateShare, int recordedRollouts, double storeSeconds, double storeShare) {
    }

    /**
     * The figures.
     *
     * @param sftSequences               sequences per SFT step
     * @param meanSequenceTokens         their mean length (prompt + response)
     * @param forwardTokensPerSecond     causal forward only, no gradient
     * @param sftTokensPerSecond         causal forward + backward + AdamW (= causal SFT)
     * @param sftOverForward             SFT step tokens/s over forward-only tokens/s (median of paired ratios)
     * @param parallelForwardTokensPerSecond the forward under the parallel layout
     * @param parallelSftTokensPerSecond forward + backward + AdamW under the parallel layout
     * @param parallelOverCausalSft      parallel-layout SFT tokens/s over causal SFT tokens/s (median of paired ratios)
     */
    public record Result(String model, long parameters, String task, int sftSequences, double meanSequenceTokens,
                         int repetitions, double forwardTokensPerSecond, double sftTokensPerSecond, double sftOverForward,
                         double parallelForwardTokensPerSecond, double parallelSftTokensPerSecond,
                         double parallelOverCausalSft, Step dapo, Step papo, double wallSeconds) {
    }

    private TrainerBenchmark() {
    }

    /** Runs every figure on {@code ck}'s model (its weights change: train a throw-away copy). */
    public static Result run(Checkpoint.Loaded ck, Settings s, Consumer<String> progress) {
        long start = System.nanoTime();
        Task task = TaskRegistry.get(s.task());
        Qwen3Model model = ck.model();
        List<TrainingSequence> causal = new ArrayList<>();
        List<TrainingSequence> parallel = new ArrayList<>();
        corpus(ck, task, s, causal, parallel, s.batch());
        long tokens = causal.stream().mapToLong(TrainingSequence::length).sum();

        progress.accept("SFT: " + causal.size() + " sequences of " + tokens / causal.size() + " tokens on average");
        // the four figures are timed back to back in each repetition, so the ratios are paired (the median
        // of each repetition's ratio) and a load that changes during the run moves both sides
        int n = s.repetitions();
        double[] fwdT = new double[n];
        double[] parT = new double[n];
        double[] sftT = new double[n];
        double[] parSftT = new double[n];
        double[] sftOverFwd = new double[n];
        double[] parOverCausal = new double[n];
        try (AdamW opt = AdamW.paperDefaults(model.parameters(), 0.1)) {
            for (int i = 0; i < 2; i++) { // warm-up, untimed: DJL's per-op Java path compiles over the first calls
                forwardSeconds(model, causal);
                forwardSeconds(model, parallel);
                sftSeconds(model, causal, opt);
                sftSeconds(model, parallel, opt);
            }
            for (int i = 0; i < n; i++) {
                fwdT[i] = forwardSeconds(model, causal);
                parT[i] = forwardSeconds(model, parallel);
                sftT[i] = sftSeconds(model, causal, opt);
                parSftT[i] = sftSeconds(model, parallel, opt);
                sftOverFwd[i] = fwdT[i] / sftT[i];
                parOverCausal[i] = sftT[i] / parSftT[i];
            }
        }
        double fwd = median(fwdT);
        double par = median(parT);
        double sft = median(sftT);
        double parSft = median(parSftT);
        release(model);
        progress.accept(String.format(java.util.Locale.ROOT, "SFT: forward %.0f tok/s, step %.0f tok/s; parallel step %.0f tok/s",
                tokens / fwd, tokens / sft, tokens / parSft));

        List<Problem> problems = task.generate(Split.TRAIN, s.prompts(), s.seed(), Knobs.of(task, 1));
        Path tmp;
        try {
            tmp = Files.createTempDirectory("npr-bench-trainer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary run store: " + e.getMessage(), e);
        }
        try (RunStore store = RunStore.open(tmp.resolve("runs"))) {
            long runId = store.createRun(new RunSpec("bench", s.task(), null, List.of(StageKind.ZERO, StageKind.PAPO), "{}",
                    s.seed(), org.nprworkbench.engine.model.Devices.name(model.manager().getDevice()))).id();
            store.startStage(runId, StageKind.ZERO, 1L, null);
            store.startStage(runId, StageKind.PAPO, 1L, null);
            // warm-up, untimed: the first engine runs pay for JIT compilation of DJL's per-op path
            RolloutGenerator warm = RolloutGenerator.of(ck, PromptTemplate.bare());
            warm.generate(problems.subList(0, 1), 2, EngineConfig.sequential(16), new SamplingParams(1.0, 1.0, 0, 1.0, s.seed()),
                    RewardFunction.papo());
            warm.generate(problems.subList(0, 1), 2, EngineConfig.parallel(16, ck.forcedLayout()),
                    new SamplingParams(1.0, 1.0, 0, 1.0, s.seed()), RewardFunction.papo());
            Step dapo = dapo(ck, problems, s, store, runId);
            progress.accept(String.format(java.util.Locale.ROOT, "DAPO step: rollout %.2f s, old log-prob %.2f s, update %.2f s, store %.3f s",
                    dapo.rolloutSeconds(), dapo.oldLogProbSeconds(), dapo.updateSeconds(), dapo.storeSeconds()));
            Step papo = papo(ck, task, problems, s, store, runId);
            progress.accept(String.format(java.util.Locale.ROOT, "PAPO step: rollout %.2f s, update %.2f s, store %.3f s",
                    papo.rolloutSeconds(), papo.updateSeconds(), papo.storeSeconds()));
            return new Result(describe(ck), model.config().parameterCount(),
                    s.task(), causal.size(), tokens / (double) causal.size(), s.repetitions(), tokens / fwd, tokens / sft,
                    median(sftOverFwd), tokens / par, tokens / parSft, median(parOverCausal), dapo, papo, (System.nanoTime() - start) / 1e9);
        } finally {
            deleteTree(tmp);
        }
    }

    private static String describe(Checkpoint.Loaded ck) {
        var c = ck.model().config();
        return c.numLayers() + " layers, width " + c.hiddenSize() + (ck.folder() == null ? " (fresh)" : " (" + ck.folder() + ")");
    }

    /** The task's NPR solutions as causal and as parallel sequences (the same tokens), up to {@code n} of each. */
    private static void corpus(Checkpoint.Loaded ck, Task task, Settings s, List<TrainingSequence> causal,
                               List<TrainingSequence> parallel, int n) {
        int eos = ck.tokenizer().tags().eos();
        for (SeedExample ex : SeedCorpus.examples(task, 4 * n + 8, s.seed(), Knobs.of(task, 1), 1.0)) {
            if (causal.size() >= n) {
                break;
            }
            int[] p = ck.tokenizer().encode(ck.promptFormat().render(PromptTemplate.bare().render(ex.problem().text())));
            int[] r = ck.tokenizer().encode(ex.solution());
            int[] all = Arrays.copyOf(p, p.length + r.length + 1);
            System.arraycopy(r, 0, all, p.length, r.length);
            all[all.length - 1] = eos;
            if (all.length > ck.model().config().maxPositions()) {
                continue;
            }
            try {
                TrainingSequence par = TrainingSequence.parallel(all, p.length, ck.tokenizer().tags());
                parallel.add(par);
                causal.add(TrainingSequence.causal(all, p.length));
            } catch (MalformedStructureException e) {
                // not NPR-shaped: skipped in both lists
            }
        }
        if (causal.isEmpty()) {
            throw new IllegalArgumentException("task " + task.name() + " gave no NPR solution that fits the model's context");
        }
    }

    private static double forwardSeconds(Qwen3Model model, List<TrainingSequence> seqs) {
        long t0 = System.nanoTime();
        try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
            SequenceBatch.of(seqs).forward(model, false).logProbs().sum().getFloat();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double sftSeconds(Qwen3Model model, List<TrainingSequence> seqs, AdamW opt) {
        long t0 = System.nanoTime();
        SequenceBatch sb = SequenceBatch.of(seqs);
        try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            SequenceBatch.Forward f = sb.forward(model, false);
            NDArray l = f.logProbs().mul(f.weights()).sum().neg().div(Scalar.of(f.logProbs(), Math.max(1, sb.responseTokens())));
            gc.backward(l);
            l.getFloat();
        }
        opt.step(1e-6);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Step dapo(Checkpoint.Loaded ck, List<Problem> problems, Settings s, RunStore store, long runId) {
        DapoConfig base = DapoConfig.paper(s.prompts(), s.samples(), s.prompts(), s.maxNewTokens(), 1, s.seed());
        DapoConfig cfg = new DapoConfig(base.promptsPerStep(), base.samplesPerPrompt(), base.promptsPerMiniBatch(),
                base.microBatch(), base.clip(), false, 1, base.reward(), base.engine(), base.sampling(), base.optimizer());
        List<RolloutBatch> seen = new ArrayList<>();
        RolloutGenerator gen = RolloutGenerator.of(ck, PromptTemplate.bare()).observe(seen::add);
        Map<String, Double> m;
        try (DapoTrainer t = new DapoTrainer(gen, cfg)) {
            m = t.step(() -> problems, 1e-6);
        }
        List<Rollout> rollouts = seen.stream().flatMap(b -> b.rollouts().stream()).toList();
        double store_ = record(store, runId, StageKind.ZERO, m, rollouts, RolloutGenerator.of(ck, PromptTemplate.bare()));
        double roll = m.get(MetricNames.TIMING_GEN);
        double old = m.get(MetricNames.TIMING_OLD_LOG_PROB);
        double upd = m.get(MetricNames.TIMING_UPDATE_ACTOR);
        return step("sequential", s, seen.stream().mapToLong(RolloutBatch::generatedTokens).sum(), rollouts.size(), 0,
                roll, old, upd, rollouts.size(), store_);
    }

    private static Step papo(Checkpoint.Loaded ck, Task task, List<Problem> problems, Settings s, RunStore store, long runId) {
        PapoConfig cfg = PapoConfig.paper(s.samples(), 0, s.maxNewTokens(), ck.forcedLayout(), s.seed());
        RolloutGenerator gen = RolloutGenerator.of(ck, PromptTemplate.bare());
        long t0 = System.nanoTime();
        RolloutBatch batch = gen.generate(problems, s.samples(), cfg.engine(), cfg.sampling(), RewardFunction.papo());
        long t1 = System.nanoTime();
        // PAPO's filter, then its layout; dropped rollouts are replaced by NPR solutions so the update has its batch
        List<TrainingSequence> seqs = new ArrayList<>();
        List<Double> rewards = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (Rollout r : batch.rollouts()) {
            if (PapoTrainer.keeps(r)) {
                try {
                    seqs.add(TrainingSequence.parallel(r.tokens(), r.responseStart(), ck.tokenizer().tags()));
                    rewards.add(r.reward());
                    groups.add(r.group());
                } catch (MalformedStructureException e) {
                    // dropped, as PAPO drops it
                }
            }
        }
        int fromRollouts = seqs.size();
        int want = s.prompts() * s.samples();
        List<TrainingSequence> fill = new ArrayList<>();
        if (want > fromRollouts) {
            corpus(ck, task, s, new ArrayList<>(), fill, want - fromRollouts);
        }
        for (int i = 0; seqs.size() < want && i < fill.size(); i++) {
            seqs.add(fill.get(i));
            rewards.add(i % 2 == 0 ? 1.0 : -1.0);
            groups.add(s.prompts() + i / Math.max(1, s.samples()));
        }
        double[] adv = PapoAdvantage.compute(rewards.stream().mapToDouble(Double::doubleValue).toArray(),
                groups.stream().mapToInt(Integer::intValue).toArray(), cfg.std());
        long t2 = System.nanoTime();
        try (AdamW opt = cfg.optimizer().create(ck.model().parameters())) {
            PapoTrainer.backward(ck.model(), seqs, adv, PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN, cfg.microBatch());
            opt.step(1e-7);
        }
        release(ck.model());
        long t3 = System.nanoTime();
        double roll = (t1 - t0) / 1e9;
        double upd = (t3 - t2) / 1e9;
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        org.nprworkbench.trainer.metrics.StepMetrics.generated(m, batch.rollouts());
        m.put(MetricNames.TIMING_GEN, roll);
        m.put(MetricNames.TIMING_OLD_LOG_PROB, 0.0);
        m.put(MetricNames.TIMING_UPDATE_ACTOR, upd);
        m.put(MetricNames.TIMING_STEP, roll + upd);
        double store_ = record(store, runId, StageKind.PAPO, m, batch.rollouts(), gen);
        return step("parallel", s, batch.generatedTokens(), seqs.size(), seqs.size() - fromRollouts, roll, 0, upd,
                batch.rollouts().size(), store_);
    }

    private static Step step(String engine, Settings s, long generated, int trained, int corpus, double roll, double old,
                             double upd, int recorded, double storeSeconds) {
        double total = roll + old + upd;
        return new Step(engine, s.prompts(), s.samples(), s.maxNewTokens(), generated, trained, corpus, roll, old, upd, total,
                roll / total, old / total, upd / total, recorded, storeSeconds, storeSeconds / (total + storeSeconds));
    }

    /** Records a step as the pipeline does (metrics in one transaction, rollouts with their graphs); returns the seconds. */
    private static double record(RunStore store, long runId, StageKind stage, Map<String, Double> metrics, List<Rollout> rollouts,
                                 RolloutGenerator gen) {
        long t0 = System.nanoTime();
        store.recordMetrics(runId, stage, 1, metrics, Instant.now());
        List<RolloutRecord> records = new ArrayList<>();
        for (Rollout r : rollouts) {
            records.add(Evaluator.record(r, gen, stage, 1, RolloutKind.ROLLOUT));
        }
        store.recordRollouts(runId, records);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void release(Qwen3Model model) {
        for (NDArray p : model.parameters()) {
            p.setRequiresGradient(false);
        }
    }

    private static double median(double[] values) {
        double[] t = values.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
