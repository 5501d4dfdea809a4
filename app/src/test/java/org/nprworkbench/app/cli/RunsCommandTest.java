package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code npr train seed --run} and {@code npr runs ...} as a user runs them: a short seed run is
 * recorded, then listed, shown, its metrics printed as text, JSON and CSV; delete asks; rename; and
 * bad input (unknown runs and metrics, a taken name, a corrupt database) exits 2 with the file named.
 */
class RunsCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path home;
    static CliRun train;

    @BeforeAll
    static void recordASeedRun() {
        home = shared.resolve("home");
        Path init = shared.resolve("init");
        assertEquals(0, CliRun.of("model", "init", "--size", "micro", "--out", init.toString()).status());
        train = CliRun.of("--home", home.toString(), "train", "seed", "--run", "demo", "--init", init.toString(),
                "--steps", "4", "--examples", "4", "--batch", "2");
        assertEquals(0, train.status(), train.err());
    }

    private static CliRun npr(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void theSeedRunIsRecordedAndItsCheckpointSavedUnderTheDataHome() {
        Path ck = home.resolve("runs").resolve("demo").resolve("seed");
        assertTrue(train.out().contains("saved " + ck), train.out());
        assertTrue(train.out().contains("stage seed: steps 1-4 from " + shared.resolve("init")), train.out());
        assertTrue(train.out().contains("seed [####################] 4/4 100%"), train.out());
        Provenance p = Provenance.read(ck);
        assertEquals("demo", p.run());
        assertEquals(4, p.step());
    }

    @Test
    void runsListsTheRunAsJsonAndText() {
        CliRun r = npr(home, "runs", "--json");
        assertEquals(0, r.status(), r.err());
        JsonArray runs = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(1, runs.size());
        JsonObject demo = runs.get(0).getAsJsonObject();
        assertEquals("demo", demo.get("name").getAsString());
        assertEquals("finished", demo.get("status").getAsString());
        assertEquals("arithmetic,countdown,candidates,crosscheck", demo.get("task").getAsString());
        assertEquals("seed", demo.getAsJsonArray("stages").get(0).getAsString());
        assertEquals("seed", demo.get("last_stage").getAsString());
        assertEquals(4, demo.get("last_step").getAsInt());
        JsonObject best = demo.getAsJsonObject("best_metric");
        assertEquals("train/loss", best.get("name").getAsString());
        assertTrue(Instant.parse(demo.get("created").getAsString()).isBefore(Instant.now()));

        CliRun text = npr(home, "runs");
        assertTrue(text.out().startsWith("NAME  STATUS    TASK"), text.out());
        assertTrue(text.out().contains("demo  finished  arithmetic,countdown,candidates,crosscheck  seed"), text.out());
        assertTrue(text.out().contains("seed 4     train/loss "), text.out());
    }

    @Test
    void showDescribesConfigurationStagesCheckpointsMetricsAndEvents() {
        CliRun r = npr(home, "runs", "show", "demo", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("finished", j.get("status").getAsString());
        assertEquals(4, j.getAsJsonObject("config").get("steps").getAsInt());
        assertEquals(0.8, j.getAsJsonObject("config").get("npr_share").getAsDouble());
        JsonObject stage = j.getAsJsonArray("stages").get(0).getAsJsonObject();
        assertEquals("seed", stage.get("stage").getAsString());
        assertEquals("finished", stage.get("status").getAsString());
        assertEquals(4, stage.get("total_steps").getAsInt());
        assertEquals(shared.resolve("init").toString(), stage.get("parent_checkpoint").getAsString());
        JsonArray cks = j.getAsJsonArray("checkpoints");
        assertEquals(1, cks.size());
        JsonObject ck = cks.get(0).getAsJsonObject();
        assertEquals("seed", ck.get("stage").getAsString());
        assertEquals(4, ck.get("step").getAsInt());
        assertEquals(home.resolve("runs/demo/seed").toString(), ck.get("folder").getAsString());
        assertEquals(shared.resolve("init").toString(), ck.get("parent").getAsString());
        assertTrue(ck.getAsJsonObject("metrics").has("train/loss"));
        List<String> names = new ArrayList<>();
        for (var m : j.getAsJsonArray("metrics")) {
            names.add(m.getAsJsonObject().get("name").getAsString());
            assertEquals(4, m.getAsJsonObject().get("count").getAsInt());
            assertEquals(4, m.getAsJsonObject().get("last_step").getAsInt());
        }
        assertEquals(List.of("perf/throughput", "timing_s/step", "train/grad_norm", "train/loss", "train/lr"), names);
        assertEquals(0, j.getAsJsonArray("events").size());

        CliRun text = npr(home, "runs", "show", "demo");
        assertTrue(text.out().startsWith("run demo: finished\n"), text.out());
        assertTrue(text.out().contains("  \"npr_share\": 0.8"), text.out());
        assertTrue(text.out().contains("checkpoints:\n  seed  step 4  " + home.resolve("runs/demo/seed")), text.out());
        assertTrue(text.out().contains("train/loss       4 rows  last "), text.out());
    }

    @Test
    void metricsPrintEveryRowAsCsvJsonOrText() {
        CliRun csv = npr(home, "runs", "metrics", "demo", "--csv");
        assertEquals(0, csv.status(), csv.err());
        String[] lines = csv.out().split("\n");
        assertEquals("stage,step,name,value", lines[0]);
        assertEquals(1 + 4 * 5, lines.length);
        assertTrue(lines[1].startsWith("seed,1,perf/throughput,"), lines[1]);
        String[] lr = lines[5].split(",");
        assertEquals(List.of("seed", "1", "train/lr"), List.of(lr[0], lr[1], lr[2]));
        assertEquals(2e-3, Double.parseDouble(lr[3]), 1e-12, "4 steps warm up in one: step 1 is at the peak");

        CliRun json = npr(home, "runs", "metrics", "demo", "--name", "train/loss", "--name", "train/lr", "--json");
        JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(8, rows.size());
        JsonObject first = rows.get(0).getAsJsonObject();
        assertEquals("train/loss", first.get("name").getAsString());
        assertEquals(1, first.get("step").getAsInt());
        assertTrue(first.get("value").getAsDouble() > 3, "an untrained micro model's loss");
        assertTrue(first.has("wall_time"));

        CliRun text = npr(home, "runs", "metrics", "demo", "--name", "train/loss", "--stage", "seed");
        assertTrue(text.out().startsWith("STAGE  STEP  NAME        VALUE\nseed   1     train/loss  "), text.out());
        assertEquals(1, npr(home, "runs", "metrics", "demo", "--stage", "zero", "--csv").out().split("\n").length,
                "only the header: the run has no zero stage rows");
    }

    @Test
    void badInputExitsTwoWithOneClearMessage() {
        CliRun both = npr(home, "runs", "metrics", "demo", "--csv", "--json");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("one of --json and --csv"), both.err());
        CliRun metric = npr(home, "runs", "metrics", "demo", "--name", "critic/score/mean");
        assertEquals(2, metric.status());
        assertTrue(metric.err().contains("no metric 'critic/score/mean'; its metrics are perf/throughput"), metric.err());
        CliRun stage = npr(home, "runs", "metrics", "demo", "--stage", "warmup");
        assertEquals(2, stage.status());
        assertTrue(stage.err().contains("unknown stage 'warmup'; the stages are seed, zero"), stage.err());
        CliRun missing = npr(home, "runs", "show", "nope");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no run named 'nope' in " + home.resolve("db/runs.mv.db")), missing.err());
        CliRun noOut = npr(dir, "train", "seed", "--steps", "1");
        assertEquals(2, noOut.status());
        assertTrue(noOut.err().contains("--out DIR, or --run NAME"), noOut.err());
        CliRun badName = npr(dir, "train", "seed", "--run", "../escape", "--steps", "1");
        assertEquals(2, badName.status());
        assertTrue(badName.err().contains("run name '../escape'"), badName.err());
    }

    @Test
    void aTakenRunNameIsRefusedBeforeTraining() throws Exception {
        Path h = dir.resolve("h");
        try (RunStore store = RunStore.open(new DataHome(h))) {
            store.createRun(new RunSpec("taken", null, null, List.of(StageKind.SEED), "{}", null, null));
        }
        CliRun r = npr(h, "train", "seed", "--run", "taken", "--out", dir.resolve("out").toString(), "--steps", "1",
                "--init", shared.resolve("init").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("a run named 'taken' already exists in " + h.resolve("db/runs.mv.db")), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing trained or saved");
    }

    @Test
    void aFreshHomeHasNoRunsAndGetsNoDatabase() {
        CliRun r = npr(dir, "runs");
        assertEquals(0, r.status(), r.err());
        assertEquals("no runs yet (npr train seed --run NAME records one)\n", r.out());
        assertEquals("[]\n", npr(dir, "runs", "--json").out());
        assertFalse(Files.exists(dir.resolve("db")));
        CliRun show = npr(dir, "runs", "show", "x");
        assertEquals(2, show.status());
        assertTrue(show.err().contains("no run database in " + dir.resolve("db")), show.err());
    }

    @Test
    void aCorruptDatabaseIsNamedAndLeftAlone() throws Exception {
        Path file = dir.resolve("db").resolve("runs.mv.db");
        Files.createDirectories(file.getParent());
        byte[] junk = "not a database at all, just text ".repeat(200).getBytes();
        Files.write(file, junk);
        CliRun r = npr(dir, "runs");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("npr: " + file + ": the run database is damaged"), r.err());
        assertTrue(Arrays.equals(junk, Files.readAllBytes(file)));
    }

    @Test
    void deleteAsksAndRenameKeepsTheRecord() throws Exception {
        Path h = dir.resolve("h");
        try (RunStore store = RunStore.open(new DataHome(h))) {
            long id = store.createRun(new RunSpec("a", "countdown", null, List.of(StageKind.SEED), "{}", null, null)).id();
            store.startStage(id, StageKind.SEED, 2L, null);
            store.recordMetrics(id, StageKind.SEED, 1, Map.of("train/loss", 1.5), Instant.now());
            store.recordEvent(id, StageKind.SEED, 1L, EventKind.WARNING, "careful");
            store.finishRun(id, RunStatus.STOPPED);
        }
        CliRun renamed = npr(h, "runs", "rename", "a", "b");
        assertEquals(0, renamed.status(), renamed.err());
        assertEquals(2, npr(h, "runs", "show", "a").status());
        CliRun shown = npr(h, "runs", "show", "b");
        assertTrue(shown.out().startsWith("run b: stopped"), shown.out());
        assertTrue(shown.out().contains(" warning seed 1: careful"), shown.out());

        CliRun noTerminal = npr(h, "runs", "delete", "b");
        assertEquals(2, noTerminal.status(), "without a terminal nothing is deleted unasked");
        assertTrue(noTerminal.err().contains("pass --yes"), noTerminal.err());

        Function<String, String> saved = RunsCommand.Delete.prompt;
        List<String> asked = new ArrayList<>();
        try {
            RunsCommand.Delete.prompt = q -> {
                asked.add(q);
                return "n";
            };
            assertTrue(npr(h, "runs", "delete", "b").out().contains("run b kept"));
            RunsCommand.Delete.prompt = q -> "y";
            assertEquals("deleted run b\n", npr(h, "runs", "delete", "b").out());
        } finally {
            RunsCommand.Delete.prompt = saved;
        }
        assertTrue(asked.get(0).startsWith("Delete run 'b' (stopped, 1 stages, 1 metric rows, 0 checkpoints)?"), asked.get(0));
        assertEquals("[]\n", npr(h, "runs", "--json").out());

        long c;
        try (RunStore store = RunStore.open(new DataHome(h))) {
            c = store.createRun(new RunSpec("c", null, null, List.of(StageKind.SEED), "{}", null, null)).id();
        }
        CliRun running = npr(h, "runs", "delete", "c", "--yes"); // its process (this JVM) is alive
        assertEquals(2, running.status());
        assertTrue(running.err().contains("run 'c' is still training (process " + ProcessHandle.current().pid()), running.err());
        try (RunStore store = RunStore.open(new DataHome(h))) {
            store.finishRun(c, RunStatus.STOPPED);
        }
        assertEquals(0, npr(h, "runs", "delete", "c", "--yes").status());
        try (RunStore store = RunStore.open(new DataHome(h))) {
            assertNull(store.run("c").orElse(null));
        }
    }

    @Test
    void numbersPrintWithSixSignificantDigitsAndNoPadding() {
        assertEquals("0.0002", RunsCommand.number(2e-4));
        assertEquals("3.24909", RunsCommand.number(3.249091234));
        assertEquals("458.437", RunsCommand.number(458.4371));
        assertEquals("0", RunsCommand.number(0));
        assertEquals("-12", RunsCommand.number(-12));
        assertEquals("1.00000e-05", RunsCommand.number(1e-5));
        assertEquals("NaN", RunsCommand.number(Double.NaN));
    }
}
