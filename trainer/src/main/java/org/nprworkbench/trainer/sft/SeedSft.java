package org.nprworkbench.trainer.sft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Collections;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SeedExample;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.checkpoint.StageCheckpointer;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopSignal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Seed SFT: ordinary causal next-token training of the embedded default model on the programmatic
 * seed corpus (plain chain of thought and NPR-tagged solutions written sequentially), so that a tiny
 * model trained from scratch can follow the format the paper's instruct model already follows
 * (a documented deviation, npr-method.md §8.2). Loss on response tokens only (prompt masked), global
 * token mean, AdamW with linear warm-up and cosine decay to 10% of the peak ({@link SftLoop}, shuffled).
 */
public final class SeedSft {
    /**
     * Settings.
     *
     * @param tasks      task families to draw from
     * @param examples   training examples per family
     * @param nprShare   share of examples written in NPR tags (the rest chain of thought)
     * @param steps      optimiser steps
     * @param batch      sequences per step
     * @param lr         peak learning rate
     * @param seed       corpus and shuffling seed
     * @param level      difficulty level (1-5) of the corpus problems
     * @param knobs      knob values that override the level's (by knob name; empty: none)
     */
    public record Config(List<String> tasks, int examples, double nprShare, int steps, int batch, double lr, long seed,
                         int level, Map<String, Integer> knobs) {
        public Config {
            tasks = List.copyOf(tasks);
            knobs = Collections.unmodifiableMap(new LinkedHashMap<>(knobs));
        }

        /** Settings at difficulty level 1. */
        public Config(List<String> tasks, int examples, double nprShare, int steps, int batch, double lr, long seed) {
            this(tasks, examples, nprShare, steps, batch, lr, seed, 1, Map.of());
        }

        public static Config defaults() {
            return new Config(List.of("arithmetic", "countdown", "candidates", "crosscheck"), 1500, 0.8, 600, 8, 2e-3, 1);
        }

        /** The settings {@link #toJson} wrote (a run's recorded configuration); a missing or bad field is bad input. */
        public static Config fromJson(JsonObject o, String source) {
            try {
                List<String> tasks = new ArrayList<>();
                o.getAsJsonArray("tasks").forEach(e -> tasks.add(e.getAsString()));
                return new Config(tasks, o.get("examples").getAsInt(), o.get("npr_share").getAsDouble(),
                        o.get("steps").getAsInt(), o.get("batch").getAsInt(), o.get("lr").getAsDouble(),
                        o.get("seed").getAsLong(), o.has("level") ? o.get("level").getAsInt() : 1, knobs(o));
            } catch (RuntimeException e) {
                throw new BadInputException(source + ": the recorded seed SFT configuration lacks or garbles a field "
                        + "(tasks, examples, npr_share, steps, batch, lr, seed): " + e.getMessage());
            }
        }

        private static Map<String, Integer> knobs(JsonObject o) {
            Map<String, Integer> k = new LinkedHashMap<>();
            if (o.has("knobs")) {
                o.getAsJsonObject("knobs").entrySet().forEach(e -> k.put(e.getKey(), e.getValue().getAsInt()));
            }
            return k;
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
            o.addProperty("level", level);
            JsonObject k = new JsonObject();
            knobs.forEach(k::addProperty);
            o.add("knobs", k);
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
        return train(ck, cfg, listener, null, null);
    }

    /**
     * As {@link #train(Checkpoint.Loaded, Config, TrainingListener)}, saving checkpoints through
     * {@code checkpoints} (null: none) and continuing from {@code from} (null: from step 1; else
     * {@code ck} holds that checkpoint's weights). See {@link SftLoop#train(org.nprworkbench.engine.model.Qwen3Model,
     * List, SftLoop.Plan, java.util.function.Consumer, StageCheckpointer, TrainingState)}.
     */
    public static double train(Checkpoint.Loaded ck, Config cfg, TrainingListener listener, StageCheckpointer checkpoints,
                               TrainingState from) {
        return train(ck, cfg, listener, checkpoints, from, StopSignal.NEVER);
    }

    /** As above, asking {@code stop} at every step boundary ({@link SftLoop}: a checkpoint, then {@code StopRequested}). */
    public static double train(Checkpoint.Loaded ck, Config cfg, TrainingListener listener, StageCheckpointer checkpoints,
                               TrainingState from, StopSignal stop) {
        List<TrainingSequence> inputs = new ArrayList<>();
        int eos = ck.tokenizer().tags().eos();
        int maxLen = ck.model().config().maxPositions();
        for (String name : cfg.tasks()) {
            Task task = TaskRegistry.get(name);
            for (SeedExample ex : SeedCorpus.examples(task, cfg.examples(), cfg.seed(), Knobs.of(task, cfg.level(), cfg.knobs()), cfg.nprShare())) {
                int[] p = ck.tokenizer().encode(ck.promptFormat().render(ex.problem().text()));
                int[] r = ck.tokenizer().encode(ex.solution());
                if (p.length + r.length + 1 > maxLen) {
                    continue;
                }
                int[] all = Arrays.copyOf(p, p.length + r.length + 1);
                System.arraycopy(r, 0, all, p.length, r.length);
                all[all.length - 1] = eos;
                inputs.add(TrainingSequence.causal(all, p.length));
            }
        }
        return SftLoop.train(ck.model(), inputs,
                new SftLoop.Plan(cfg.steps(), cfg.batch(), cfg.lr(), 0.1, 0.1, true, cfg.seed()),
                p -> listener.stepMetrics(new StepMetrics(StageKind.SEED, p.step(), metrics(p), Instant.now())),
                checkpoints, from, stop);
    }

    /** A step's SFT figures under the run store's metric names. */
    public static Map<String, Double> metrics(SftProgress p) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.TRAIN_LOSS, p.loss());
        m.put(MetricNames.TRAIN_LR, p.lr());
        m.put(MetricNames.TRAIN_GRAD_NORM, p.gradNorm());
        m.put(MetricNames.PERF_THROUGHPUT, p.tokensPerSecond());
        m.put(MetricNames.TIMING_STEP, p.seconds());
        return m;
    }
}
