package org.nprworkbench.trainer.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.task.MathVerifier;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.events.RunStoreRecorder;
import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.resume.ResumeRun;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The pipeline on a benchmark file: the file's problems split by seed into disjoint, reproducible
 * pools graded by the math grader; a smoke run of the seed (on {@code seed_tasks}' corpus) and zero
 * stages recorded with the file as its task, stopped and resumed; impossible combinations refused
 * before training; a resume refused once the file changed or is gone.
 */
class PipelineBenchmarkFileTest {
    @TempDir
    Path dir;

    /** {@code n} arithmetic problems written as a MATH500-style JSON Lines benchmark (plus one repeated line). */
    private Path benchmark(String name, int n) throws Exception {
        List<Problem> ps = TaskRegistry.get("arithmetic").generate(Split.TEST, n, 7, 1);
        StringBuilder b = new StringBuilder();
        for (Problem p : ps) {
            JsonObject o = new JsonObject();
            o.addProperty("problem", p.text());
            o.addProperty("answer", p.answer());
            b.append(o).append('\n');
        }
        if (n > 0) {
            JsonObject again = new JsonObject(); // the same problem again: left out, so it cannot be in two pools
            again.addProperty("problem", ps.get(0).text());
            again.addProperty("answer", ps.get(0).answer());
            b.append(again).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void theFileIsSplitBySeedIntoDisjointReproduciblePoolsGradedByTheMathGrader() throws Exception {
        ProblemSource.BenchmarkFile f = ProblemSource.BenchmarkFile.load(benchmark("bench.jsonl", 20));
        assertEquals(20, f.problems().size(), "the repeated problem is left out");
        assertEquals("file:bench.jsonl", f.label());
        assertTrue(f.file().isAbsolute());
        PipelineConfig cfg = PipelineConfig.preset("smoke").set("train_pool=12").set("val_problems=3").set("test_problems=4");
        ProblemSource.Pools a = f.pools(cfg);
        assertEquals(List.of(12, 3, 4), List.of(a.train().size(), a.val().size(), a.test().size()));
        Set<String> train = texts(a.train());
        Set<String> val = texts(a.val());
        Set<String> test = texts(a.test());
        assertEquals(12 + 3 + 4, union(train, val, test).size(), "the pools are disjoint");
        assertTrue(a.train().stream().allMatch(p -> p.split() == Split.TRAIN && p.task().equals(MathVerifier.NAME)));
        assertTrue(a.test().stream().allMatch(p -> p.split() == Split.TEST));

        assertEquals(a, ProblemSource.BenchmarkFile.load(f.file()).pools(cfg), "the same file and seed: the same pools");
        ProblemSource.Pools other = f.pools(PipelineConfig.preset("smoke").set("train_pool=12").set("val_problems=3")
                .set("test_problems=4").set("seed=2"));
        assertNotEquals(texts(a.test()), texts(other.test()), "another seed draws other test problems");

        // the grader npr eval --benchmark uses: the reference answer boxed is correct, another is not
        Problem p = a.train().get(0);
        RewardFunction reward = RewardFunction.papo();
        assertTrue(reward.evaluate(p, "so \\boxed{" + p.answer() + "}", 4).correct());
        assertFalse(reward.evaluate(p, "so \\boxed{" + p.answer() + "1}", 4).correct());

        // sizes clipped to the file: validation and test at most half, the train pool the rest
        assertArrayEquals(new int[] {64, 1, 2}, ProblemSource.BenchmarkFile.sizes(100, 64, 1, 2));
        assertArrayEquals(new int[] {7, 1, 2}, ProblemSource.BenchmarkFile.sizes(10, 64, 1, 2));
        assertArrayEquals(new int[] {15, 2, 13}, ProblemSource.BenchmarkFile.sizes(30, 2000, 8, 64));
        assertArrayEquals(new int[] {1, 1, 1}, ProblemSource.BenchmarkFile.sizes(3, 64, 1, 2));
        assertNull(ProblemSource.BenchmarkFile.sizes(2, 64, 1, 2));
        ProblemSource.BenchmarkFile small = ProblemSource.BenchmarkFile.load(benchmark("two.jsonl", 2));
        BadInputException few = assertThrows(BadInputException.class, () -> small.pools(cfg));
        assertTrue(few.getMessage().contains("two.jsonl") && few.getMessage().contains("at least 3"), few.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> ProblemSource.BenchmarkFile.load(dir.resolve("nothing.jsonl")));
        assertTrue(missing.getMessage().contains("nothing.jsonl") && missing.getMessage().contains("no such file"),
                missing.getMessage());
    }

    @Test
    void impossibleCombinationsAreRefusedBeforeTraining() throws Exception {
        ProblemSource.BenchmarkFile f = ProblemSource.BenchmarkFile.load(benchmark("bench.jsonl", 10));
        PipelineConfig smoke = PipelineConfig.preset("smoke");
        Path folder = dir.resolve("runs/x");
        BadInputException noCorpus = assertThrows(BadInputException.class, () -> Pipeline.requireRunnable(
                new Pipeline.Plan("x", f, List.of(StageKind.SEED, StageKind.ZERO), smoke, folder, Device.cpu())));
        assertTrue(noCorpus.getMessage().contains("seed_tasks") && noCorpus.getMessage().contains("seed_init")
                && noCorpus.getMessage().contains("bench.jsonl"), noCorpus.getMessage());
        BadInputException fill = assertThrows(BadInputException.class, () -> Pipeline.requireRunnable(
                new Pipeline.Plan("x", f, List.of(StageKind.values()), PipelineConfig.preset("smoke").set("seed_tasks=arithmetic"),
                        folder, Device.cpu())));
        assertTrue(fill.getMessage().contains("beta_fill_from_seed_corpus=false"), fill.getMessage());
        BadInputException family = assertThrows(BadInputException.class, () -> Pipeline.requireRunnable(
                new Pipeline.Plan("x", f, List.of(StageKind.SEED), PipelineConfig.preset("smoke").set("seed_tasks=algebra"),
                        folder, Device.cpu())));
        assertTrue(family.getMessage().contains("algebra"), family.getMessage());
        Pipeline.requireRunnable(new Pipeline.Plan("x", f, List.of(StageKind.SEED, StageKind.ZERO),
                PipelineConfig.preset("smoke").set("seed_tasks=arithmetic"), folder, Device.cpu()));

        List<StageKind> zero = List.of(StageKind.ZERO);
        BadInputException knobs = assertThrows(BadInputException.class,
                () -> Pipeline.requireFileSettings(f.file(), zero, smoke, Set.of("knobs")));
        assertTrue(knobs.getMessage().contains("knobs") && knobs.getMessage().contains("bench.jsonl"), knobs.getMessage());
        assertThrows(BadInputException.class, () -> Pipeline.requireFileSettings(f.file(), zero, smoke,
                Set.of("difficulty", "zero_steps")));
        Pipeline.requireFileSettings(f.file(), zero, smoke, Set.of("zero_steps"));
        // with a seed stage that trains, difficulty shapes the seed corpus of seed_tasks
        Pipeline.requireFileSettings(f.file(), List.of(StageKind.SEED), PipelineConfig.preset("smoke")
                .set("seed_tasks=arithmetic"), Set.of("difficulty"));
    }

    @Test
    void aSmokeRunOnAFileTrainsRecordsTheFileAndResumesUntilTheFileChanges() throws Exception {
        Path file = benchmark("bench.jsonl", 12);
        PipelineConfig cfg = PipelineConfig.preset("smoke").set("seed_tasks=arithmetic").set("val_problems=2");
        Path folder = dir.resolve("runs/b");
        List<StageKind> stages = List.of(StageKind.SEED, StageKind.ZERO);
        try (RunStore store = RunStore.open(dir.resolve("db/runs"))) {
            ProblemSource.BenchmarkFile source = ProblemSource.BenchmarkFile.load(file);
            Pipeline.Plan plan = new Pipeline.Plan("b", source, stages, cfg, folder, Device.cpu());
            TrainingListener stopInZero = new TrainingListener() {
                @Override
                public void stepMetrics(TrainingEvent.StepMetrics e) {
                    if (e.stage() == StageKind.ZERO && e.step() == 1) {
                        store.requestStop("b");
                    }
                }
            };
            Pipeline p = new Pipeline(plan, TrainingListener.all(new RunStoreRecorder(store), stopInZero),
                    new Pipeline.Control(0, 1, StopSignal.of(store, "b"), store));
            StopRequested stop = assertThrows(StopRequested.class, p::run);
            assertEquals(StageKind.ZERO, stop.stage());

            RunInfo run = store.requireRun("b");
            assertEquals("file:bench.jsonl", run.task());
            JsonObject recorded = JsonParser.parseString(run.configJson()).getAsJsonObject();
            assertEquals(file.toAbsolutePath().normalize().toString(), recorded.get(ProblemSource.BENCHMARK_KEY).getAsString());
            assertEquals(source.sha256(), recorded.get(ProblemSource.BENCHMARK_HASH_KEY).getAsString());
            assertEquals(64, source.sha256().length());
            assertEquals("file:bench.jsonl", Provenance.read(folder.resolve("seed")).task());

            ResumeRun.resume("b", Device.cpu(), store, TrainingListener.NONE);
            run = store.requireRun("b");
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("file:bench.jsonl", Provenance.read(folder.resolve("zero")).task());
            List<MetricRow> val = store.metrics(run.id(), List.of("val/file:bench.jsonl/mean@2"), StageKind.ZERO);
            assertEquals(List.of(2L), val.stream().map(MetricRow::step).toList(), "validated at the last step");
            assertEquals(List.of(1L, 2L), store.metrics(run.id(), List.of("critic/score/mean"), StageKind.ZERO).stream()
                    .map(MetricRow::step).toList(), "every step once across the stop");

            // rollouts are drawn from the train pool, validation and test samples from theirs
            ProblemSource.Pools pools = source.pools(cfg);
            Set<String> trainIds = pools.train().stream().map(Problem::id).collect(Collectors.toSet());
            Set<String> evalIds = new HashSet<>();
            pools.val().forEach(q -> evalIds.add(q.id()));
            pools.test().forEach(q -> evalIds.add(q.id()));
            List<RolloutRow> rows = store.rollouts(run.id(), StageKind.ZERO, 0, Long.MAX_VALUE, false);
            List<String> rolled = rows.stream().filter(r -> r.rollout().kind() == RolloutKind.ROLLOUT)
                    .map(r -> r.rollout().problemId()).toList();
            List<String> evaluated = rows.stream().filter(r -> r.rollout().kind() == RolloutKind.EVAL)
                    .map(r -> r.rollout().problemId()).toList();
            assertFalse(rolled.isEmpty());
            assertFalse(evaluated.isEmpty());
            assertTrue(trainIds.containsAll(rolled), rolled + " not in " + trainIds);
            assertTrue(evalIds.containsAll(evaluated), evaluated + " not in " + evalIds);

            // a second run on the file, stopped; then the file changes and goes: its resume is refused
            Pipeline q = new Pipeline(new Pipeline.Plan("c", source, List.of(StageKind.SEED),
                    PipelineConfig.preset("smoke").set("seed_tasks=arithmetic").set("seed_steps=3"),
                    dir.resolve("runs/c"), Device.cpu()), TrainingListener.all(new RunStoreRecorder(store),
                    new TrainingListener() {
                        @Override
                        public void stepMetrics(TrainingEvent.StepMetrics e) {
                            store.requestStop("c");
                        }
                    }), new Pipeline.Control(0, 1, StopSignal.of(store, "c"), store));
            assertThrows(StopRequested.class, q::run);
            Files.writeString(file, Files.readString(file) + "{\"problem\": \"What is 1+1?\", \"answer\": \"2\"}\n");
            BadInputException changed = assertThrows(BadInputException.class,
                    () -> ResumeRun.resume("c", Device.cpu(), store, TrainingListener.NONE));
            assertTrue(changed.getMessage().contains("bench.jsonl") && changed.getMessage().contains("has changed"),
                    changed.getMessage());
            Files.delete(file);
            BadInputException gone = assertThrows(BadInputException.class,
                    () -> ResumeRun.resume("c", Device.cpu(), store, TrainingListener.NONE));
            assertTrue(gone.getMessage().contains("bench.jsonl") && gone.getMessage().contains("gone"), gone.getMessage());
            assertEquals(RunStatus.STOPPED, store.requireRun("c").status(), "a refused resume leaves the run as it was");
        }
    }

    private static Set<String> texts(List<Problem> ps) {
        return ps.stream().map(Problem::text).collect(Collectors.toSet());
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}
