package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.events.RunStoreRecorder;
import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.pipeline.Pipeline;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.trainer.pipeline.ProblemSource;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

import com.google.gson.JsonObject;

/**
 * {@code npr train --benchmark FILE} as a user runs it: a smoke run of the seed and zero stages on a
 * small JSON Lines file (arithmetic problems, so the math grader can grade them) recorded with the
 * file as its task; bad input refused with exit status 2 naming the file; a stopped benchmark run
 * resumed with {@code npr train --resume}, refused while its file differs from the one it started with.
 */
class BenchmarkTrainCliTest {
    @TempDir
    Path dir;

    private Path home;
    private Path bench;

    @BeforeEach
    void benchmarkFile() throws Exception {
        home = dir.resolve("home");
        bench = dir.resolve("bench.jsonl");
        Files.writeString(bench, lines(12));
    }

    private static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (Problem p : TaskRegistry.get("arithmetic").generate(Split.TEST, n, 3, 1)) {
            JsonObject o = new JsonObject();
            o.addProperty("problem", p.text());
            o.addProperty("answer", p.answer());
            b.append(o).append('\n');
        }
        return b.toString();
    }

    private CliRun npr(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aSmokeRunOnABenchmarkFileShowsTheFileAsItsTask() {
        CliRun r = npr("train", "--benchmark", bench.toString(), "--preset", "smoke", "--stages", "seed,zero",
                "--set", "seed_tasks=arithmetic", "--run", "b1");
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("zero ")), r.out());
        CliRun list = npr("runs");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("b1 ") && l.contains("file:bench.jsonl")), list.out());
        CliRun show = npr("runs", "show", "b1");
        assertTrue(show.out().contains("task file:bench.jsonl"), show.out());
        assertTrue(show.out().contains(bench.toAbsolutePath().toString()) && show.out().contains("benchmark_sha256"), show.out());
        assertTrue(npr("train", "--help").out().contains("--benchmark"));
    }

    @Test
    void badBenchmarkInputExitsTwoNamingTheFile() throws Exception {
        CliRun missing = npr("train", "--benchmark", dir.resolve("nothing.jsonl").toString(), "--preset", "smoke", "--run", "x1");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nothing.jsonl") && missing.err().contains("no such file"), missing.err());

        CliRun both = npr("train", "--task", "arithmetic", "--benchmark", bench.toString(), "--preset", "smoke", "--run", "x2");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("--task arithmetic and --benchmark") && both.err().contains("bench.jsonl")
                && both.err().contains("seed_tasks=arithmetic"), both.err());

        Path two = dir.resolve("two.jsonl");
        Files.writeString(two, lines(2));
        CliRun few = npr("train", "--benchmark", two.toString(), "--preset", "smoke", "--stages", "seed,zero",
                "--set", "seed_tasks=arithmetic", "--run", "x3");
        assertEquals(2, few.status());
        assertTrue(few.err().contains("two.jsonl") && few.err().contains("at least 3"), few.err());

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"problem\": \"What is 2+3?\", \"answer\": \"5\"}\n{\"problem\": \n");
        CliRun malformed = npr("train", "--benchmark", bad.toString(), "--preset", "smoke", "--run", "x4");
        assertEquals(2, malformed.status());
        assertTrue(malformed.err().contains("bad.jsonl") && malformed.err().contains("line 2"), malformed.err());

        CliRun noCorpus = npr("train", "--benchmark", bench.toString(), "--preset", "smoke", "--stages", "seed,zero", "--run", "x5");
        assertEquals(2, noCorpus.status());
        assertTrue(noCorpus.err().contains("bench.jsonl") && noCorpus.err().contains("seed_tasks")
                && noCorpus.err().contains("seed_init"), noCorpus.err());

        CliRun fill = npr("train", "--benchmark", bench.toString(), "--preset", "smoke", "--set", "seed_tasks=arithmetic",
                "--run", "x6");
        assertEquals(2, fill.status());
        assertTrue(fill.err().contains("beta_fill_from_seed_corpus=false"), fill.err());

        CliRun knobs = npr("train", "--benchmark", bench.toString(), "--preset", "smoke", "--stages", "zero",
                "--set", "knobs=terms=3", "--run", "x7");
        assertEquals(2, knobs.status());
        assertTrue(knobs.err().contains("knobs does not apply to a benchmark file") && knobs.err().contains("bench.jsonl"),
                knobs.err());
        CliRun difficulty = npr("train", "--benchmark", bench.toString(), "--preset", "smoke", "--stages", "zero",
                "--set", "difficulty=2", "--run", "x8");
        assertEquals(2, difficulty.status());
        assertTrue(difficulty.err().contains("difficulty does not apply"), difficulty.err());

        if (Files.exists(RunStore.fileOf(new DataHome(home)))) {
            try (RunStore store = RunStore.open(new DataHome(home))) {
                assertTrue(store.runs().isEmpty(), "a refused run left a record: " + store.runs());
            }
        }
    }

    @Test
    void aStoppedBenchmarkRunResumesFromTheCommandLineOnlyOnItsOwnFile() throws Exception {
        DataHome data = new DataHome(home).ensure();
        String original = Files.readString(bench);
        try (RunStore store = RunStore.open(data)) {
            PipelineConfig cfg = PipelineConfig.preset("smoke").set("seed_tasks=arithmetic");
            Pipeline.Plan plan = new Pipeline.Plan("b2", ProblemSource.BenchmarkFile.load(bench),
                    List.of(StageKind.SEED, StageKind.ZERO), cfg, data.runs().resolve("b2"), Device.cpu());
            TrainingListener stopInZero = new TrainingListener() {
                @Override
                public void stepMetrics(TrainingEvent.StepMetrics e) {
                    if (e.stage() == StageKind.ZERO) {
                        store.requestStop("b2");
                    }
                }
            };
            Pipeline p = new Pipeline(plan, TrainingListener.all(new RunStoreRecorder(store), stopInZero),
                    new Pipeline.Control(0, 1, StopSignal.of(store, "b2"), store));
            assertThrows(StopRequested.class, p::run);
            assertEquals(RunStatus.STOPPED, store.requireRun("b2").status());
        }
        Files.writeString(bench, original.replace("\n", "\r\n")); // the same problems, other bytes
        CliRun changed = npr("train", "--resume", "b2");
        assertEquals(2, changed.status());
        assertTrue(changed.err().contains("bench.jsonl") && changed.err().contains("has changed since run b2 started"),
                changed.err());

        Files.writeString(bench, original);
        CliRun resumed = npr("train", "--resume", "b2");
        assertEquals(0, resumed.status(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("run b2 finished"), resumed.out());
        try (RunStore store = RunStore.open(data)) {
            assertEquals(RunStatus.FINISHED, store.requireRun("b2").status());
            assertEquals("file:bench.jsonl", store.requireRun("b2").task());
        }
    }
}
