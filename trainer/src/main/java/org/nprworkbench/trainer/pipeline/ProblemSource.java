package org.nprworkbench.trainer.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.bench.BenchmarkLoader;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;

import com.google.gson.JsonObject;

/**
 * Where a pipeline run's problems come from: a generated task family ({@link Family}, its train, val
 * and test splits) or a benchmark file ({@link BenchmarkFile}, its problems split by the run's seed
 * into a train pool, validation and test problems). Either way answers are graded by the verifier the
 * problems name ({@code math} for a benchmark file, as {@code npr eval --benchmark} grades them).
 */
public sealed interface ProblemSource permits ProblemSource.Family, ProblemSource.BenchmarkFile {
    /** The key of a benchmark file's absolute path in a run's recorded configuration. */
    String BENCHMARK_KEY = "benchmark";
    /** The key of a benchmark file's SHA-256 (hex) in a run's recorded configuration. */
    String BENCHMARK_HASH_KEY = "benchmark_sha256";
    /** The prefix of a benchmark file's {@link #label()}. */
    String FILE_PREFIX = "file:";

    /**
     * What the run trains on, in words: the family's name, or {@code file:NAME} for a benchmark file.
     * The run store's task column, {@code npr.json}'s {@code task} and the {@code val/LABEL/...}
     * metric names carry it.
     */
    String label();

    /** The train pool, validation and test problems of a run configured by {@code cfg}. */
    Pools pools(PipelineConfig cfg);

    /** Checks, before any training, that {@code cfg} can draw its pools from this source. */
    void requireUsable(PipelineConfig cfg);

    /** Writes the source into a run's recorded configuration ({@code task}, and a file's path and hash). */
    void record(JsonObject config);

    /** A task family by name; an unknown name is bad input naming the families. */
    static Family family(String name) {
        return new Family(TaskRegistry.get(name));
    }

    /**
     * The name of {@code file} without its extension, made fit to begin a run name (letters, digits,
     * '.', '_', '-'; at most 40 characters); {@code benchmark} when nothing is left. Reads nothing.
     */
    static String runNamePart(Path file) {
        Path name = file.getFileName();
        String stem = (name == null ? "" : name.toString()).replaceFirst("\\.[^.]*$", "")
                .replaceAll("[^A-Za-z0-9._-]+", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        stem = stem.substring(0, Math.min(stem.length(), 40));
        return stem.isEmpty() ? "benchmark" : stem;
    }

    /**
     * The source a run's recorded configuration names (for {@code npr train --resume}): a benchmark
     * file when it records one, refused when that file is gone or its content changed since the run
     * started; else the family in {@code task}.
     */
    static ProblemSource recorded(JsonObject config, String run) {
        if (config.has(BENCHMARK_KEY)) {
            Path file;
            String hash;
            try {
                file = Path.of(config.get(BENCHMARK_KEY).getAsString());
                hash = config.get(BENCHMARK_HASH_KEY).getAsString();
            } catch (RuntimeException e) {
                throw new BadInputException("run " + run + ": the recorded configuration garbles " + BENCHMARK_KEY + " or "
                        + BENCHMARK_HASH_KEY + " (" + e.getMessage() + "); the run cannot be resumed");
            }
            return BenchmarkFile.unchanged(file, hash, run);
        }
        String task;
        try {
            task = config.get("task").getAsString();
        } catch (RuntimeException e) {
            throw new BadInputException("run " + run + ": the recorded configuration has no task; the run cannot be resumed");
        }
        return family(task);
    }

    /**
     * A run's problems.
     *
     * @param train the pool RL prompts and rejection sampling draw from
     * @param val   the problems validated on every {@code val_every} steps
     * @param test  the problems of each stage's final evaluation
     */
    record Pools(List<Problem> train, List<Problem> val, List<Problem> test) {
        public Pools {
            train = List.copyOf(train);
            val = List.copyOf(val);
            test = List.copyOf(test);
        }
    }

    /** A generated task family: its content-partitioned splits at the run's difficulty and knobs. */
    record Family(Task task) implements ProblemSource {
        @Override
        public String label() {
            return task.name();
        }

        @Override
        public Pools pools(PipelineConfig cfg) {
            Knobs level = knobs(cfg);
            long seed = cfg.integer("seed");
            return new Pools(task.generate(Split.TRAIN, cfg.integer("train_pool"), seed, level),
                    task.generate(Split.VAL, cfg.integer("val_problems"), seed, level),
                    task.generate(Split.TEST, cfg.integer("test_problems"), seed, level));
        }

        @Override
        public void requireUsable(PipelineConfig cfg) {
            knobs(cfg); // names and ranges
        }

        private Knobs knobs(PipelineConfig cfg) {
            return Knobs.of(task, cfg.integer("difficulty"), cfg.knobs());
        }

        @Override
        public void record(JsonObject config) {
            config.addProperty("task", task.name());
        }
    }

    /**
     * A benchmark file ({@link BenchmarkLoader}: JSON Lines or a JSON array in the published layouts),
     * its content hash taken when it was read. Problems whose text repeats an earlier one are left out,
     * so that no problem can be both trained on and tested. The pools are a shuffle of the rest by the
     * run's {@code seed}: the first {@code test_problems} are the test problems, the next
     * {@code val_problems} the validation problems, up to {@code train_pool} of the rest the train
     * pool. A file too small for the configured sizes gives validation and test together at most half
     * of its problems (each at least one, in the ratio of their sizes) and the train pool the rest; a
     * file of fewer than three distinct problems is refused.
     *
     * @param file     the file, absolute
     * @param sha256   the SHA-256 of its bytes, hex
     * @param problems its distinct problems, in file order
     */
    record BenchmarkFile(Path file, String sha256, List<Problem> problems) implements ProblemSource {
        /** The fewest distinct problems a file may hold: one each for training, validation and test. */
        public static final int MIN_PROBLEMS = 3;

        public BenchmarkFile {
            problems = List.copyOf(problems);
        }

        /**
         * Reads {@code file}: a missing or unreadable file, or one {@link BenchmarkLoader} refuses, is
         * bad input naming it.
         */
        public static BenchmarkFile load(Path file) {
            Path abs = file.toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs)) {
                throw BadInputException.inFile(abs, Files.isDirectory(abs) ? "is a folder; give a benchmark file "
                        + "(JSON Lines or a JSON array of problems)" : "no such file; give an existing benchmark file "
                        + "(JSON Lines or a JSON array of problems)");
            }
            if (!Files.isReadable(abs)) {
                throw BadInputException.inFile(abs, "cannot be read (permissions); make it readable or give another file");
            }
            String hash = sha256(abs);
            List<Problem> all = BenchmarkLoader.load(abs).problems();
            Set<String> texts = new HashSet<>();
            List<Problem> distinct = new ArrayList<>();
            for (Problem p : all) {
                if (texts.add(p.text())) {
                    distinct.add(p);
                }
            }
            return new BenchmarkFile(abs, hash, distinct);
        }

        /** {@link #load}, refused when the file is gone or its hash is not {@code hash} (a resume of run {@code run}). */
        static BenchmarkFile unchanged(Path file, String hash, String run) {
            if (!Files.isRegularFile(file)) {
                throw BadInputException.inFile(file, "run " + run + " trained on this benchmark file, which is gone; put "
                        + "the same file back at this path to resume the run, or start a new run");
            }
            String now = sha256(file);
            if (!now.equals(hash)) {
                throw BadInputException.inFile(file, "has changed since run " + run + " started (SHA-256 " + shortHash(hash)
                        + "... then, " + shortHash(now) + "... now), so its train, validation and test problems would not be "
                        + "the run's; restore the file the run started with, or start a new run on this one");
            }
            return load(file);
        }

        private static String shortHash(String h) {
            return h.substring(0, Math.min(12, h.length()));
        }

        @Override
        public String label() {
            return FILE_PREFIX + file.getFileName();
        }

        @Override
        public Pools pools(PipelineConfig cfg) {
            int[] n = sizes(cfg);
            List<Problem> order = new ArrayList<>(problems);
            Collections.shuffle(order, new Random(cfg.integer("seed")));
            List<Problem> test = as(order.subList(0, n[2]), Split.TEST);
            List<Problem> val = as(order.subList(n[2], n[2] + n[1]), Split.VAL);
            List<Problem> train = as(order.subList(n[2] + n[1], n[2] + n[1] + n[0]), Split.TRAIN);
            return new Pools(train, val, test);
        }

        @Override
        public void requireUsable(PipelineConfig cfg) {
            sizes(cfg);
        }

        @Override
        public void record(JsonObject config) {
            config.addProperty("task", label());
            config.addProperty(BENCHMARK_KEY, file.toString());
            config.addProperty(BENCHMARK_HASH_KEY, sha256);
        }

        /** Train pool, validation and test sizes for this file (see the class comment). */
        private int[] sizes(PipelineConfig cfg) {
            int[] n = sizes(problems.size(), cfg.integer("train_pool"), cfg.integer("val_problems"),
                    cfg.integer("test_problems"));
            if (n == null) {
                throw BadInputException.inFile(file, "holds " + problems.size() + " distinct problem"
                        + (problems.size() == 1 ? "" : "s") + "; training needs at least " + MIN_PROBLEMS
                        + " (one each for the train pool, validation and test): add problems to the file");
            }
            return n;
        }

        /**
         * {train, val, test} drawn from {@code n} problems for the configured sizes (each at least 1):
         * as configured when they fit; else validation and test share at most half of the problems
         * (at least 2), in the ratio of their sizes, and the train pool takes up to its size of the
         * rest. Null when {@code n < 3}.
         */
        static int[] sizes(int n, int train, int val, int test) {
            if (n < MIN_PROBLEMS) {
                return null;
            }
            if (train + (long) val + test <= n) {
                return new int[] {train, val, test};
            }
            int cap = Math.max(2, n / 2);
            int t = test;
            int v = val;
            if (t + (long) v > cap) {
                t = (int) Math.max(1, Math.min(cap - 1, Math.round((double) test * cap / ((double) test + val))));
                v = Math.min(val, cap - t);
            }
            return new int[] {Math.min(train, n - v - t), v, t};
        }

        private static List<Problem> as(List<Problem> ps, Split split) {
            return ps.stream().map(p -> new Problem(p.id(), p.task(), split, p.text(), p.answer())).toList();
        }

        private static String sha256(Path file) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw BadInputException.inFile(file, "cannot be read: " + e.getMessage());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }
    }
}
