package org.nprworkbench.trainer.sft;

import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.model.CausalMask;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.engine.optim.TokenLoss;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SeedExample;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Seed SFT: ordinary causal next-token training of the embedded default model on the programmatic
 * seed corpus (plain chain of thought and NPR-tagged solutions written sequentially), so that a tiny
 * model trained from scratch can follow the format the paper's instruct model already follows
 * (a documented deviation, npr-method.md §8.2). Loss on response tokens only (prompt masked), global
 * token mean, AdamW with linear warm-up and cosine decay.
 */
public final class SeedSft {
    /**
     * Settings.
     *
     * @param tasks      task families to draw from (difficulty 1)
     * @param examples   training examples per family
     * @param nprShare   share of examples written in NPR tags (the rest chain of thought)
     * @param steps      optimiser steps
     * @param batch      sequences per step
     * @param lr         peak learning rate
     * @param seed       corpus and shuffling seed
     */
    public record Config(List<String> tasks, int examples, double nprShare, int steps, int batch, double lr, long seed) {
        public static Config defaults() {
            return new Config(List.of("arithmetic", "countdown", "candidates", "crosscheck"), 1500, 0.8, 600, 8, 2e-3, 1);
        }

        /** The settings as a JSON object with snake_case keys (a run's recorded configuration). */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            JsonArray t = new JsonArray();
            tasks.forEach(t::add);
            o.add("tasks", t);
            o.addProperty("examples", examples);
            o.addProperty("npr_share", nprShare);
            o.addProperty("steps", steps);
            o.addProperty("batch", batch);
            o.addProperty("lr", lr);
            o.addProperty("seed", seed);
            return o;
        }
    }

    private SeedSft() {
    }

    /**
     * Trains {@code ck}'s model in place, reporting each step's metrics as stage {@code seed}
     * ({@code train/loss}, {@code train/lr}, {@code train/grad_norm}, {@code perf/throughput} in
     * response tokens per second, {@code timing_s/step}); returns the mean loss of the last 20 steps.
     */
    public static double train(Checkpoint.Loaded ck, Config cfg, TrainingListener listener) {
        Qwen3Model model = ck.model();
        List<long[]> inputs = new ArrayList<>();
        List<Integer> promptLengths = new ArrayList<>();
        int eos = ck.tokenizer().tags().eos();
        int maxLen = model.config().maxPositions();
        for (String name : cfg.tasks()) {
            Task task = TaskRegistry.get(name);
            for (SeedExample ex : SeedCorpus.examples(task, cfg.examples(), cfg.seed(), Knobs.of(task, 1), cfg.nprShare())) {
                int[] p = ck.tokenizer().encode(ck.promptFormat().render(ex.problem().text()));
                int[] r = ck.tokenizer().encode(ex.solution());
                if (p.length + r.length + 1 > maxLen) {
                    continue;
                }
                long[] all = new long[p.length + r.length + 1];
                for (int i = 0; i < p.length; i++) {
                    all[i] = p[i];
                }
                for (int i = 0; i < r.length; i++) {
                    all[p.length + i] = r[i];
                }
                all[all.length - 1] = eos;
                inputs.add(all);
                promptLengths.add(p.length);
            }
        }
        Random rnd = new Random(cfg.seed());
        List<Integer> order = new ArrayList<>();
        double recent = 0;
        int recentN = 0;
        try (AdamW opt = AdamW.paperDefaults(model.parameters(), 0.1)) {
            for (int step = 1; step <= cfg.steps(); step++) {
                long t0 = System.nanoTime();
                if (order.size() < cfg.batch()) {
                    for (int i = 0; i < inputs.size(); i++) {
                        order.add(i);
                    }
                    java.util.Collections.shuffle(order, rnd);
                }
                List<Integer> idx = new ArrayList<>(order.subList(0, cfg.batch()));
                order.subList(0, cfg.batch()).clear();
                int b = idx.size();
                int t = idx.stream().mapToInt(i -> inputs.get(i).length - 1).max().orElseThrow();
                long[] x = new long[b * t];
                long[] y = new long[b * t];
                float[] w = new float[b * t];
                int tokens = 0;
                for (int r = 0; r < b; r++) {
                    long[] s = inputs.get(idx.get(r));
                    int pl = promptLengths.get(idx.get(r));
                    for (int i = 0; i < s.length - 1; i++) {
                        x[r * t + i] = s[i];
                        y[r * t + i] = s[i + 1];
                        if (i + 1 >= pl) {
                            w[r * t + i] = 1;
                            tokens++;
                        }
                    }
                }
                double loss;
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDManager nd = model.manager();
                    NDArray logits = model.forward(nd.create(x, new Shape(b, t)), CausalMask.positions(nd, b, t, null),
                            CausalMask.of(nd, b, t, null));
                    NDArray l = TokenLoss.meanNll(logits, nd.create(y, new Shape(b, t)), nd.create(w, new Shape(b, t)));
                    gc.backward(l);
                    loss = l.getFloat();
                }
                double lr = schedule(cfg.lr(), step, cfg.steps());
                double gradNorm = opt.step(lr);
                if (step > cfg.steps() - 20) {
                    recent += loss;
                    recentN++;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> m = new LinkedHashMap<>();
                m.put(MetricNames.TRAIN_LOSS, loss);
                m.put(MetricNames.TRAIN_LR, lr);
                m.put(MetricNames.TRAIN_GRAD_NORM, gradNorm);
                m.put(MetricNames.PERF_THROUGHPUT, tokens / seconds);
                m.put(MetricNames.TIMING_STEP, seconds);
                listener.stepMetrics(new StepMetrics(StageKind.SEED, step, m, Instant.now()));
            }
        }
        for (NDArray p : model.parameters()) {
            p.setRequiresGradient(false);
        }
        return recent / Math.max(1, recentN);
    }

    /** Linear warm-up over the first 5% of steps, then cosine decay to 10% of the peak. */
    static double schedule(double peak, int step, int steps) {
        int warm = Math.max(1, steps / 20);
        if (step <= warm) {
            return peak * step / warm;
        }
        double progress = (step - warm) / (double) Math.max(1, steps - warm);
        return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
