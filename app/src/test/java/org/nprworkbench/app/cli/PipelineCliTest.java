package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.pipeline.Pipeline;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The pipeline as a user runs it: {@code npr train --task arithmetic --preset smoke --run s1} runs all
 * six stages once (the smoke preset is the test), then the store, the checkpoints, {@code npr eval}
 * and {@code --set} validation are checked against it.
 */
class PipelineCliTest {
    @TempDir
    static Path shared;

    static Path home;
    static CliRun train;

    @BeforeAll
    static void runTheSmokePreset() {
        home = shared.resolve("home");
        train = npr("train", "--task", "arithmetic", "--preset", "smoke", "--run", "s1");
        assertEquals(0, train.status(), train.err() + train.out());
    }

    private static CliRun npr(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static Path stageFolder(StageKind s) {
        return home.resolve("runs").resolve("s1").resolve(s.label());
    }

    @Test
    void everyStageFinishedWithACheckpointAndMetricsForEveryStep() {
        try (RunStore store = RunStore.open(new DataHome(home))) {
            RunInfo run = store.requireRun("s1");
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("smoke", run.preset());
            JsonObject cfg = JsonParser.parseString(run.configJson()).getAsJsonObject();
            assertEquals(2, cfg.get("zero_steps").getAsInt());
            assertTrue(cfg.has("papo_lr") && cfg.has("beta_max_tries") && cfg.has("val_every"), cfg.toString());

            List<StageInfo> stages = store.stages(run.id());
            assertEquals(List.of(StageKind.values()), stages.stream().map(StageInfo::kind).toList());
            assertTrue(stages.stream().allMatch(s -> s.status() == RunStatus.FINISHED), stages.toString());

            List<CheckpointInfo> cks = store.checkpoints(run.id());
            assertEquals(Set.of(StageKind.values()), cks.stream().map(CheckpointInfo::stage).collect(Collectors.toSet()));
            assertEquals(6, cks.size());
            for (CheckpointInfo ck : cks) {
                Provenance p = Provenance.read(Path.of(ck.folder()));
                assertEquals(ck.stage().label(), p.stage());
                assertEquals("s1", p.run());
                assertEquals(ck.step(), p.step());
                assertTrue(ck.metrics().containsKey("test_avg_at_k"), ck.metrics().toString());
                assertTrue(ck.step() >= 1);
                // a metric row at every step 1..last of the stage
                List<MetricRow> rows = store.metrics(run.id(), null, ck.stage());
                Set<Long> steps = rows.stream().map(MetricRow::step).collect(Collectors.toCollection(TreeSet::new));
                Set<Long> expected = new TreeSet<>();
                for (long s = 1; s <= ck.step(); s++) {
                    expected.add(s);
                }
                assertEquals(expected, steps, ck.stage() + " metric steps");
            }
            Map<StageKind, String> parents = cks.stream().collect(Collectors.toMap(CheckpointInfo::stage,
                    c -> c.parent() == null ? "" : c.parent()));
            // parents by catalogue name, RUN/STAGE, in the store and in each checkpoint's npr.json
            assertEquals("", parents.get(StageKind.SEED));
            assertEquals("s1/seed", parents.get(StageKind.ZERO));
            assertEquals("s1/seed", parents.get(StageKind.BETA)); // parallel SFT starts from the seed model, not zero
            assertEquals("s1/seed", parents.get(StageKind.SR_BETA));
            assertEquals("s1/beta", parents.get(StageKind.PAPO));
            assertEquals("s1/beta", parents.get(StageKind.SR));
            for (CheckpointInfo ck : cks) {
                assertEquals(ck.parent(), Provenance.read(Path.of(ck.folder())).parent(), ck.stage().label());
            }
            // once SR is evaluated, each parallel stage's TPS ratio to it, at that stage's last step
            double srTps = cks.stream().filter(c -> c.stage() == StageKind.SR).findFirst().orElseThrow()
                    .metrics().get("test_tokens_per_second");
            for (StageKind npr : List.of(StageKind.BETA, StageKind.PAPO)) {
                CheckpointInfo ck = cks.stream().filter(c -> c.stage() == npr).findFirst().orElseThrow();
                List<MetricRow> ratio = store.metrics(run.id(), List.of(MetricNames.NPR_TPS_RATIO), npr);
                assertEquals(1, ratio.size(), npr + ": " + ratio);
                assertEquals(ck.step(), ratio.get(0).step());
                assertEquals(ck.metrics().get("test_tokens_per_second") / srTps, ratio.get(0).value(), 1e-9);
            }

            // RL stages validate (at their last step at least) and record rollouts
            for (StageKind rl : List.of(StageKind.ZERO, StageKind.PAPO, StageKind.SR)) {
                List<MetricRow> val = store.metrics(run.id(), List.of("val/arithmetic/mean@2"), rl);
                assertFalse(val.isEmpty(), rl + " has no validation accuracy");
                List<RolloutRow> samples = store.rollouts(run.id(), rl, 1, 100, false);
                assertTrue(samples.stream().anyMatch(r -> r.rollout().kind() == RolloutKind.ROLLOUT), rl + " rollouts");
                assertTrue(samples.stream().anyMatch(r -> r.rollout().kind() == RolloutKind.EVAL), rl + " eval samples");
            }
        }
        assertTrue(Files.isRegularFile(home.resolve("runs/s1").resolve(Pipeline.CORPUS_FILE)));
        for (String s : List.of("seed", "zero", "beta", "papo", "sr-beta", "sr")) {
            assertTrue(train.out().lines().anyMatch(l -> l.startsWith(s + " ") && l.contains("sequential") || l.startsWith(s + " ")
                    && l.contains("parallel")), "final table row for " + s + ":\n" + train.out());
        }
        assertTrue(train.out().contains("ETA"), train.out());
    }

    @Test
    void theSeedStageCanStartFromACatalogueCheckpointAsItIs() throws Exception {
        CliRun r = npr("train", "--task", "arithmetic", "--preset", "smoke", "--stages", "seed", "--run", "s2",
                "--set", "seed_init=s1/seed", "--set", "seed_steps=0");
        assertEquals(0, r.status(), r.err() + r.out());
        Path copy = home.resolve("runs").resolve("s2").resolve("seed");
        assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(stageFolder(StageKind.SEED).resolve("model.safetensors")),
                java.nio.file.Files.readAllBytes(copy.resolve("model.safetensors"))), "the same weights");
        CliRun none = npr("train", "--task", "arithmetic", "--preset", "smoke", "--stages", "seed", "--run", "s3",
                "--set", "seed_steps=0");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("seed_init"), none.err());
    }

    @Test
    void evalJsonPrintsEveryKey() {
        CliRun r = npr("eval", "--checkpoint", stageFolder(StageKind.SEED).toString(), "--task", "arithmetic", "--n", "2",
                "--k", "2", "--max-new-tokens", "8", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String key : List.of("avg_at_k", "best_at_k", "k", "n_problems", "format_valid_rate", "mean_format_score",
                "parallel_rate", "malformed_rate", "mean_tokens", "mean_critical_path", "t_over_c", "tokens_per_second",
                "mean_latency_ms", "engine")) {
            assertTrue(o.has(key), key + " missing in " + o);
        }
        assertEquals(2, o.get("n_problems").getAsInt());
        assertEquals(2, o.get("k").getAsInt());
        assertEquals("sequential", o.get("engine").getAsString());
        assertTrue(o.get("mean_tokens").getAsDouble() > 0);
        assertTrue(o.get("tokens_per_second").getAsDouble() > 0);
    }

    @Test
    void evalRunsOnABenchmarkFile() throws Exception {
        Path bench = shared.resolve("mini.jsonl");
        Files.writeString(bench, "{\"problem\": \"What is 2+3?\", \"answer\": \"5\"}\n"
                + "{\"problem\": \"What is 4*4?\", \"answer\": \"16\"}\n");
        CliRun r = npr("eval", "--checkpoint", stageFolder(StageKind.PAPO).toString(), "--benchmark", bench.toString(),
                "--k", "1", "--max-new-tokens", "6", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(2, o.get("n_problems").getAsInt());
        assertEquals("parallel", o.get("engine").getAsString()); // a papo checkpoint runs on the parallel engine
    }

    @Test
    void compareShowsOneRowPerCheckpointWithTheTpsRatio() {
        String beta = stageFolder(StageKind.BETA).toString();
        String sr = stageFolder(StageKind.SR).toString();
        CliRun r = npr("eval", "--compare", sr, beta, "--task", "arithmetic", "--n", "2", "--k", "1",
                "--max-new-tokens", "8", "--run", "e1");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.contains("/runs/s1/") || l.contains("...")).toList();
        assertEquals(2, rows.size(), r.out());
        assertTrue(rows.get(0).contains("sequential") && rows.get(0).endsWith("1.00x"), r.out());
        assertTrue(rows.get(1).contains("parallel"), r.out());
        assertTrue(r.out().contains("TPS ratio"), r.out());
        try (RunStore store = RunStore.open(new DataHome(home))) {
            RunInfo e1 = store.requireRun("e1");
            List<RolloutRow> samples = store.rollouts(e1.id(), null, 0, Long.MAX_VALUE, false);
            assertEquals(4, samples.size()); // 2 checkpoints x 2 problems x 1 sample
            assertTrue(samples.stream().allMatch(s -> s.rollout().kind() == RolloutKind.EVAL));
        }

        // catalogue names work as well as folders
        CliRun j = npr("eval", "--compare", "s1/sr", "s1/beta", "--task", "arithmetic", "--n", "1", "--k", "1",
                "--max-new-tokens", "4", "--json", "--engine", "sequential");
        assertEquals(0, j.status(), j.err());
        JsonArray a = JsonParser.parseString(j.out()).getAsJsonArray();
        assertEquals(2, a.size());
        assertEquals("s1/sr", a.get(0).getAsJsonObject().get("checkpoint").getAsString());
        assertEquals(1.0, a.get(0).getAsJsonObject().get("tps_ratio").getAsDouble(), 1e-9);
        assertEquals("sequential", a.get(1).getAsJsonObject().get("engine").getAsString());
    }

    @Test
    void badSettingsAndStagesExitTwoNamingTheProblem() {
        CliRun unknown = npr("train", "--task", "arithmetic", "--preset", "smoke", "--run", "x1", "--set", "zero_stepz=3");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("zero_stepz"), unknown.err());
        CliRun badValue = npr("train", "--task", "arithmetic", "--preset", "smoke", "--run", "x2", "--set", "zero_steps=many");
        assertEquals(2, badValue.status());
        assertTrue(badValue.err().contains("zero_steps"), badValue.err());
        CliRun range = npr("train", "--task", "arithmetic", "--preset", "smoke", "--run", "x3", "--set", "papo_aggregation=max");
        assertEquals(2, range.status());
        assertTrue(range.err().contains("papo_aggregation"), range.err());
        CliRun preset = npr("train", "--task", "arithmetic", "--preset", "huge");
        assertEquals(2, preset.status());
        assertTrue(preset.err().contains("huge"), preset.err());
        CliRun stages = npr("train", "--task", "arithmetic", "--preset", "smoke", "--run", "x4", "--stages", "papo");
        assertEquals(2, stages.status());
        assertTrue(stages.err().contains("beta"), stages.err());
        CliRun taken = npr("train", "--task", "arithmetic", "--preset", "smoke", "--run", "s1", "--stages", "seed");
        assertEquals(2, taken.status());
        CliRun evalBoth = npr("eval", "--checkpoint", stageFolder(StageKind.SEED).toString());
        assertEquals(2, evalBoth.status());
        assertTrue(evalBoth.err().contains("--task"), evalBoth.err());
        try (RunStore store = RunStore.open(new DataHome(home))) {
            assertTrue(store.run("x1").isEmpty() && store.run("x4").isEmpty(), "a refused run left a record");
        }
    }
}
