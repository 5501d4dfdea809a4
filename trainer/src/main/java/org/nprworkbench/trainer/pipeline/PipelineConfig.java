package org.nprworkbench.trainer.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

import com.google.gson.JsonObject;

/**
 * Every hyper-parameter of a pipeline run, under one snake_case key each, as a preset sets them
 * ({@link #preset}) and {@code --set key=value} overrides them ({@link #set}, validated). The values
 * start from the paper's (npr-method.md §3.1, §4.2, §5.4) scaled as §8.2 says; {@link #toJson} is what
 * the run store keeps as the run's configuration.
 */
public final class PipelineConfig {
    /** The presets: {@code smoke} (the plumbing, in seconds) and {@code quickstart} (the digitsum demo). */
    public static final List<String> PRESETS = List.of("smoke", "quickstart");

    private enum Kind { INT, REAL, BOOL, CHOICE, TEXT }

    /** One parameter: its type, bounds or choices, and one line on what it does. */
    private record Param(String key, Kind kind, double min, double max, List<String> choices, String help) {
    }

    private static final Map<String, Param> PARAMS = new LinkedHashMap<>();

    private static void integer(String key, int min, int max, String help) {
        PARAMS.put(key, new Param(key, Kind.INT, min, max, List.of(), help));
    }

    private static void real(String key, double min, double max, String help) {
        PARAMS.put(key, new Param(key, Kind.REAL, min, max, List.of(), help));
    }

    private static void flag(String key, String help) {
        PARAMS.put(key, new Param(key, Kind.BOOL, 0, 0, List.of("true", "false"), help));
    }

    private static void text(String key, String help) {
        PARAMS.put(key, new Param(key, Kind.TEXT, 0, 0, List.of(), help));
    }

    private static void choice(String key, List<String> choices, String help) {
        PARAMS.put(key, new Param(key, Kind.CHOICE, 0, 0, choices, help));
    }

    static {
        choice("model_size", List.of("micro", "tiny", "small"), "embedded model size the seed stage starts from");
        integer("seed", 0, Integer.MAX_VALUE, "the run's seed (model init, corpus, sampling)");
        integer("difficulty", 1, 5, "task difficulty level of every split");
        text("knobs", "task knob values that override the level's, e.g. items=5,digits=3; empty: none");
        integer("train_pool", 1, 1_000_000, "training problems RL prompts and rejection sampling draw from");
        integer("log_rollouts", 0, 10_000, "rollouts per RL step recorded in the run store");
        // seed SFT (§8.2 deviation)
        text("seed_init", "checkpoint (folder or catalogue name) the seed stage starts from; empty: a fresh model");
        text("seed_tasks", "task families, comma-separated, whose generated seed corpus the seed SFT trains on; "
                + "empty: the run's task (a benchmark-file run must name them, or take seed_init with seed_steps=0)");
        integer("seed_steps", 0, 1_000_000, "seed SFT optimiser steps (0 with seed_init: take that checkpoint as it is)");
        integer("seed_batch", 1, 4096, "seed SFT sequences per step");
        real("seed_lr", 1e-9, 1, "seed SFT peak learning rate");
        integer("seed_examples", 1, 10_000_000, "seed corpus examples of the task");
        real("seed_npr_share", 0, 1, "share of seed examples written in NPR tags");
        // stage 1, NPR-Zero (§3.1)
        integer("zero_steps", 1, 100_000, "NPR-Zero DAPO steps");
        integer("zero_prompts_per_step", 1, 4096, "accepted prompts per DAPO step (paper 32)");
        integer("zero_samples", 1, 1024, "samples per prompt G (paper 16)");
        integer("zero_prompts_per_mini_batch", 1, 4096, "prompts per optimiser step (paper 1)");
        integer("zero_max_new_tokens", 1, 1_000_000, "response budget of NPR-Zero rollouts");
        integer("zero_max_gen_rounds", 1, 1000, "dynamic-sampling generation rounds per step");
        flag("zero_dynamic_sampling", "drop zero-spread groups and keep generating");
        choice("zero_reward", List.of("paper", "accuracy"), "paper: format score when < 0, else +-1; accuracy: released code's");
        real("zero_lr", 1e-12, 1, "NPR-Zero learning rate (paper 1e-6)");
        // stage 2, NPR-Beta (§4)
        integer("beta_problems", 1, 1_000_000, "training problems offered to rejection sampling");
        integer("beta_max_tries", 1, 1000, "K, tries per problem (paper 8)");
        integer("beta_max_new_tokens", 1, 1_000_000, "response budget of rejection sampling");
        integer("beta_epochs", 1, 1000, "parallel SFT passes over the corpus (paper 1)");
        integer("beta_batch", 1, 4096, "SFT sequences per step (paper 8)");
        real("beta_lr", 1e-12, 1, "SFT peak learning rate (paper 1e-6)");
        real("beta_floor", 0, 1, "cosine floor as a share of the peak (released script 0)");
        flag("beta_fill_from_seed_corpus", "when rejection sampling accepts too few, add programmatic NPR solutions "
                + "for unsolved problems (smoke plumbing only: a deviation)");
        integer("beta_min_corpus", 0, 1_000_000, "corpus size below which the fill applies");
        // stage 3, PAPO (§5.4), and the SR baseline on the same rollout budget
        integer("papo_steps", 1, 100_000, "PAPO steps (and SR's)");
        integer("papo_prompts_per_step", 1, 4096, "prompts per step N (paper 16; SR too)");
        integer("papo_samples", 1, 1024, "samples per prompt G (paper 16; SR too)");
        integer("papo_prompts_per_mini_batch", 0, 4096, "groups per optimiser step, 0 = whole batch (released 1)");
        integer("papo_max_new_tokens", 1, 1_000_000, "response budget and length cap of PAPO and SR rollouts");
        choice("papo_aggregation", List.of("token", "sequence"), "global token mean (paper) or per-sequence mean");
        real("papo_lr", 1e-12, 1, "PAPO learning rate (paper 1e-7)");
        real("sr_lr", 1e-12, 1, "SR (sequential DAPO) learning rate");
        choice("sr_from", List.of("beta", "sr-beta"), "SR's start: NPR-Beta (the paper's Table 2) or SR-Beta");
        // validation and final evaluation (§3.1, §5.4, §7.1)
        integer("val_every", 1, 100_000, "validate every N RL steps (and at the last)");
        integer("val_problems", 1, 100_000, "validation-split problems");
        integer("val_k", 1, 1024, "samples per validation problem (paper 8)");
        integer("test_problems", 1, 100_000, "test-split problems of each stage's final evaluation");
        integer("test_k", 1, 1024, "samples per test problem");
        integer("eval_max_new_tokens", 1, 1_000_000, "response budget of validation and evaluation");
        real("eval_top_p", 1e-6, 1, "evaluation top-p (paper 0.7, temperature 1)");
    }

    /** Keys added after runs were first recorded, with the value that means what those runs did. */
    private static final Map<String, String> ADDED_LATER = Map.of("seed_init", "", "knobs", "", "sr_from", "beta",
            "seed_tasks", "");

    private final String preset;
    private final Map<String, String> values = new LinkedHashMap<>();

    private PipelineConfig(String preset) {
        this.preset = preset;
    }

    /** The preset {@code name}; an unknown name is bad input listing the presets. */
    public static PipelineConfig preset(String name) {
        PipelineConfig c = new PipelineConfig(name);
        switch (name == null ? "" : name) {
            case "smoke" -> c.fill(Map.ofEntries(
                    Map.entry("model_size", "micro"), Map.entry("seed_init", ""), Map.entry("seed_tasks", ""), Map.entry("knobs", ""), Map.entry("seed", "1"), Map.entry("difficulty", "1"),
                    Map.entry("train_pool", "64"), Map.entry("log_rollouts", "4"),
                    Map.entry("seed_steps", "4"), Map.entry("seed_batch", "2"), Map.entry("seed_lr", "2e-3"),
                    Map.entry("seed_examples", "8"), Map.entry("seed_npr_share", "1.0"),
                    Map.entry("zero_steps", "2"), Map.entry("zero_prompts_per_step", "2"), Map.entry("zero_samples", "2"),
                    Map.entry("zero_prompts_per_mini_batch", "1"), Map.entry("zero_max_new_tokens", "12"),
                    Map.entry("zero_max_gen_rounds", "1"), Map.entry("zero_dynamic_sampling", "true"),
                    Map.entry("zero_reward", "paper"), Map.entry("zero_lr", "1e-5"),
                    Map.entry("beta_problems", "2"), Map.entry("beta_max_tries", "1"), Map.entry("beta_max_new_tokens", "12"),
                    Map.entry("beta_epochs", "1"), Map.entry("beta_batch", "2"), Map.entry("beta_lr", "2e-4"),
                    Map.entry("beta_floor", "0.0"), Map.entry("beta_fill_from_seed_corpus", "true"),
                    Map.entry("beta_min_corpus", "2"),
                    Map.entry("papo_steps", "2"), Map.entry("papo_prompts_per_step", "2"), Map.entry("papo_samples", "2"),
                    Map.entry("papo_prompts_per_mini_batch", "1"), Map.entry("papo_max_new_tokens", "12"),
                    Map.entry("papo_aggregation", "token"), Map.entry("papo_lr", "1e-6"), Map.entry("sr_lr", "1e-6"), Map.entry("sr_from", "beta"),
                    Map.entry("val_every", "2"), Map.entry("val_problems", "1"), Map.entry("val_k", "2"),
                    Map.entry("test_problems", "2"), Map.entry("test_k", "1"), Map.entry("eval_max_new_tokens", "12"),
                    Map.entry("eval_top_p", "0.7")));
            case "quickstart" -> c.fill(Map.ofEntries(
                    // starts from the shipped seed model (quickstart/seed: 220 seed-SFT steps on digitsum
                    // level 4, longer than this preset's budget allows); --set seed_init= --set seed_steps=220
                    // trains it again from scratch
                    Map.entry("model_size", "tiny"), Map.entry("seed_init", "quickstart/seed"), Map.entry("seed_tasks", ""), Map.entry("knobs", "items=5,digits=3"), Map.entry("seed", "1"),
                    Map.entry("difficulty", "1"), Map.entry("train_pool", "2000"), Map.entry("log_rollouts", "8"),
                    Map.entry("seed_steps", "0"), Map.entry("seed_batch", "8"), Map.entry("seed_lr", "2e-3"),
                    Map.entry("seed_examples", "1800"), Map.entry("seed_npr_share", "1.0"),
                    Map.entry("zero_steps", "4"), Map.entry("zero_prompts_per_step", "8"), Map.entry("zero_samples", "8"),
                    Map.entry("zero_prompts_per_mini_batch", "4"), Map.entry("zero_max_new_tokens", "512"),
                    Map.entry("zero_max_gen_rounds", "2"), Map.entry("zero_dynamic_sampling", "true"),
                    Map.entry("zero_reward", "paper"), Map.entry("zero_lr", "1e-5"),
                    Map.entry("beta_problems", "320"), Map.entry("beta_max_tries", "8"), Map.entry("beta_max_new_tokens", "512"),
                    Map.entry("beta_epochs", "3"), Map.entry("beta_batch", "8"), Map.entry("beta_lr", "5e-4"),
                    Map.entry("beta_floor", "0.0"), Map.entry("beta_fill_from_seed_corpus", "false"),
                    Map.entry("beta_min_corpus", "0"),
                    Map.entry("papo_steps", "8"), Map.entry("papo_prompts_per_step", "8"), Map.entry("papo_samples", "8"),
                    Map.entry("papo_prompts_per_mini_batch", "4"), Map.entry("papo_max_new_tokens", "512"),
                    Map.entry("papo_aggregation", "token"), Map.entry("papo_lr", "1e-5"), Map.entry("sr_lr", "1e-5"), Map.entry("sr_from", "sr-beta"),
                    Map.entry("val_every", "3"), Map.entry("val_problems", "8"), Map.entry("val_k", "2"),
                    Map.entry("test_problems", "64"), Map.entry("test_k", "4"), Map.entry("eval_max_new_tokens", "512"),
                    Map.entry("eval_top_p", "0.7")));
            default -> throw new BadInputException("unknown preset '" + name + "'; the presets are " + String.join(", ", PRESETS));
        }
        return c;
    }

    private void fill(Map<String, String> preset) {
        for (String key : PARAMS.keySet()) {
            String v = preset.get(key);
            if (v == null) {
                throw new IllegalStateException("preset " + this.preset + " does not set " + key);
            }
            values.put(key, v);
        }
    }

    /** The preset's name. */
    public String presetName() {
        return preset;
    }

    /**
     * Sets {@code key} from a {@code key=value} argument; an unknown key or a bad value is bad input
     * that names it and says what is allowed.
     */
    public PipelineConfig set(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("--set " + assignment + ": write key=value, e.g. --set zero_steps=5");
        }
        return set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
    }

    /** Sets {@code key} to {@code value}, validated as {@link #set(String)} does. */
    public PipelineConfig set(String key, String value) {
        Param p = PARAMS.get(key);
        if (p == null) {
            throw new BadInputException("--set: unknown key '" + key + "'; the keys are " + String.join(", ", PARAMS.keySet()));
        }
        String bad = "--set " + key + "=" + value + ": ";
        switch (p.kind()) {
            case INT -> {
                long v;
                try {
                    v = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new BadInputException(bad + "must be a whole number (" + p.help() + ")");
                }
                if (v < p.min() || v > p.max()) {
                    throw new BadInputException(bad + "must be from " + (long) p.min() + " to " + (long) p.max());
                }
                values.put(key, Long.toString(v));
            }
            case REAL -> {
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new BadInputException(bad + "must be a number (" + p.help() + ")");
                }
                if (!(v >= p.min() && v <= p.max())) {
                    throw new BadInputException(bad + "must be from " + p.min() + " to " + p.max());
                }
                values.put(key, Double.toString(v));
            }
            case TEXT -> {
                if (key.equals("knobs")) {
                    knobValues(value, bad); // the syntax now; the names and ranges against the task when it runs
                }
                if (key.equals("seed_tasks")) {
                    taskNames(value, bad); // the syntax now; the names when the run is checked
                }
                values.put(key, value);
            }
            case BOOL, CHOICE -> {
                String v = value.toLowerCase(Locale.ROOT);
                if (!p.choices().contains(v)) {
                    throw new BadInputException(bad + "must be one of " + String.join(", ", p.choices()));
                }
                values.put(key, v);
            }
            default -> throw new IllegalStateException();
        }
        return this;
    }

    public int integer(String key) {
        return Integer.parseInt(require(key, Kind.INT));
    }

    public double real(String key) {
        return Double.parseDouble(require(key, Kind.REAL));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(require(key, Kind.BOOL));
    }

    public String choice(String key) {
        return require(key, Kind.CHOICE);
    }

    /** The {@code knobs} parameter as knob name to value, in the order written. */
    public Map<String, Integer> knobs() {
        return knobValues(text("knobs"), "--set knobs=" + text("knobs") + ": ");
    }

    /** The {@code seed_tasks} parameter as family names, in the order written (empty: none named). */
    public List<String> seedTasks() {
        return taskNames(text("seed_tasks"), "--set seed_tasks=" + text("seed_tasks") + ": ");
    }

    private static List<String> taskNames(String text, String bad) {
        List<String> names = new java.util.ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                if (!text.isBlank()) {
                    throw new BadInputException(bad + "write task families separated by commas, e.g. arithmetic,digitsum");
                }
                continue;
            }
            names.add(part.trim());
        }
        return names;
    }

    /** Knob values written as {@code name=value} pairs separated by commas; a malformed text is bad input. */
    public static Map<String, Integer> parseKnobs(String text) {
        return knobValues(text == null ? "" : text, "knobs '" + text + "': ");
    }

    private static Map<String, Integer> knobValues(String text, String bad) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || !kv[1].trim().matches("\\d+")) {
                throw new BadInputException(bad + "write knobs as name=number pairs separated by commas, e.g. items=5,digits=3");
            }
            m.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return m;
    }

    /** A text parameter's value ({@code ""} when unset). */
    public String text(String key) {
        return require(key, Kind.TEXT);
    }

    private String require(String key, Kind kind) {
        Param p = PARAMS.get(key);
        if (p == null || p.kind() != kind) {
            throw new IllegalArgumentException("no " + kind + " parameter " + key);
        }
        return values.get(key);
    }

    /** Every parameter's key, in the order the presets list them (for forms and tables). */
    public static List<String> keys() {
        return List.copyOf(PARAMS.keySet());
    }

    /** The current value of {@code key} as text, as {@link #set(String, String)} takes it. */
    public String value(String key) {
        if (!PARAMS.containsKey(key)) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return values.get(key);
    }

    /** One line on what {@code key} does, with its bounds or choices. */
    public static String help(String key) {
        Param p = PARAMS.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return switch (p.kind()) {
            case INT -> p.help() + " (whole number, " + (long) p.min() + " to " + (long) p.max() + ")";
            case REAL -> p.help() + " (" + p.min() + " to " + p.max() + ")";
            case BOOL, CHOICE -> p.help() + " (" + String.join(", ", p.choices()) + ")";
            case TEXT -> p.help() + " (text)";
        };
    }

    /** Every parameter with its value (numbers as numbers, flags as booleans), plus {@code preset}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("preset", preset);
        for (Param p : PARAMS.values()) {
            String v = values.get(p.key());
            switch (p.kind()) {
                case INT -> o.addProperty(p.key(), Long.parseLong(v));
                case REAL -> o.addProperty(p.key(), Double.parseDouble(v));
                case BOOL -> o.addProperty(p.key(), Boolean.parseBoolean(v));
                case CHOICE, TEXT -> o.addProperty(p.key(), v);
                default -> throw new IllegalStateException();
            }
        }
        return o;
    }

    /**
     * The configuration {@link #toJson} wrote (a run's recorded configuration, for a resume): every
     * parameter read back and validated as {@code --set} would; a missing or bad one is bad input
     * naming {@code source}.
     */
    public static PipelineConfig fromJson(JsonObject o, String source) {
        String name = o.has("preset") && o.get("preset").isJsonPrimitive() ? o.get("preset").getAsString() : null;
        PipelineConfig c = new PipelineConfig(name);
        for (String key : PARAMS.keySet()) {
            if (!o.has(key) && ADDED_LATER.containsKey(key)) { // a run recorded before the key existed
                c.values.put(key, ADDED_LATER.get(key));
                continue;
            }
            if (!o.has(key) || !o.get(key).isJsonPrimitive()) {
                throw new BadInputException(source + ": the recorded configuration has no value for '" + key
                        + "'; the run cannot be resumed");
            }
            try {
                c.set(key, o.get(key).getAsString());
            } catch (BadInputException e) {
                throw new BadInputException(source + ": the recorded configuration's " + e.getMessage().replace("--set ", "")
                        + "; the run cannot be resumed", e);
            }
        }
        return c;
    }

    /** One line per parameter: key, preset value, help (for {@code --help}-like listings and the README). */
    public String describe() {
        return PARAMS.values().stream().map(p -> p.key() + " = " + values.get(p.key()) + "  (" + p.help() + ")")
                .collect(Collectors.joining("\n"));
    }
}
