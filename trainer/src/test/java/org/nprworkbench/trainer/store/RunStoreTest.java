package org.nprworkbench.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;

/** The run store's records and queries on a real H2 file. */
class RunStoreTest {
    @TempDir
    Path dir;

    private static RunSpec spec(String name) {
        return new RunSpec(name, "arithmetic", "smoke", List.of(StageKind.SEED, StageKind.ZERO),
                "{\"lr\":0.002,\"batch\":8}", 7L, "cpu()");
    }

    @Test
    void recordsARunAndReadsItBack() {
        Instant t0 = Instant.parse("2026-01-02T03:04:05.678Z");
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            assertEquals(dir.resolve("db").resolve("runs.mv.db"), store.file());
            RunInfo run = store.createRun(spec("demo"));
            assertEquals("demo", run.name());
            assertEquals(RunStatus.RUNNING, run.status());
            assertEquals(List.of(StageKind.SEED, StageKind.ZERO), run.stages());
            assertEquals(7L, run.seed());
            assertEquals(ProcessHandle.current().pid(), run.pid());
            assertEquals(List.of(RunStatus.PENDING, RunStatus.PENDING),
                    store.stages(run.id()).stream().map(StageInfo::status).collect(Collectors.toList()));

            StageInfo seed = store.startStage(run.id(), StageKind.SEED, 3L, null);
            assertEquals(RunStatus.RUNNING, seed.status());
            assertEquals(3L, seed.totalSteps());
            for (int step = 1; step <= 3; step++) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put(MetricNames.TRAIN_LOSS, 4.0 - step);
                m.put(MetricNames.TRAIN_LR, 1e-3 * step);
                store.recordMetrics(run.id(), StageKind.SEED, step, m, t0.plusSeconds(step));
            }
            List<MetricRow> all = store.metrics(run.id(), null, null);
            assertEquals(6, all.size());
            assertEquals(new MetricRow(all.get(0).id(), StageKind.SEED, 1, MetricNames.TRAIN_LOSS, 3.0, t0.plusSeconds(1)),
                    all.get(0));
            List<MetricRow> losses = store.metrics(run.id(), List.of(MetricNames.TRAIN_LOSS), StageKind.SEED);
            assertEquals(List.of(3.0, 2.0, 1.0), losses.stream().map(MetricRow::value).collect(Collectors.toList()));
            assertTrue(store.metrics(run.id(), null, StageKind.ZERO).isEmpty());

            store.recordCheckpoint(run.id(), new CheckpointRecord(StageKind.SEED, 3, dir.resolve("ck"), null,
                    Map.of("loss", 1.0)));
            store.finishStage(run.id(), StageKind.SEED, RunStatus.FINISHED, null);
            store.startStage(run.id(), StageKind.ZERO, 2L, dir.resolve("ck").toString());
            store.recordMetrics(run.id(), StageKind.ZERO, 1, Map.of(MetricNames.SCORE_MEAN, 0.25), t0);
            store.recordMetrics(run.id(), StageKind.ZERO, 2, Map.of(MetricNames.SCORE_MEAN, 0.5), t0);
            store.recordEvent(run.id(), StageKind.ZERO, 2L, EventKind.WARNING, "all groups had zero spread");
            store.recordEvent(run.id(), null, null, EventKind.INFO, "note");
            store.finishStage(run.id(), StageKind.ZERO, RunStatus.FINISHED, null);
            store.finishRun(run.id(), RunStatus.FINISHED);
        }
        // a second open of the same file sees everything
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            RunInfo run = store.requireRun("demo");
            assertEquals(RunStatus.FINISHED, run.status());
            assertTrue(run.finished() != null && !run.finished().isBefore(run.created()));
            List<StageInfo> stages = store.stages(run.id());
            assertEquals(RunStatus.FINISHED, stages.get(1).status());
            assertEquals(dir.resolve("ck").toString(), stages.get(1).parentCheckpoint());
            List<CheckpointInfo> cks = store.checkpoints(run.id());
            assertEquals(1, cks.size());
            assertEquals(dir.resolve("ck").toString(), cks.get(0).folder());
            assertEquals(Map.of("loss", 1.0), cks.get(0).metrics());
            assertTrue(cks.get(0).kept());

            List<EventInfo> events = store.events(run.id());
            assertEquals(2, events.size());
            assertEquals(EventKind.WARNING, events.get(0).kind());
            assertEquals(StageKind.ZERO, events.get(0).stage());
            assertEquals(2L, events.get(0).step());
            assertNull(events.get(1).stage());

            List<MetricSummary> summary = store.metricSummaries(run.id());
            assertEquals(List.of(MetricNames.SCORE_MEAN, MetricNames.TRAIN_LOSS, MetricNames.TRAIN_LR),
                    summary.stream().map(MetricSummary::name).collect(Collectors.toList()));
            assertEquals(new MetricSummary(MetricNames.TRAIN_LOSS, 3, StageKind.SEED, 3, 1.0), summary.get(1));

            RunSummary s = store.summaries().get(0);
            assertEquals(StageKind.ZERO, s.lastStage());
            assertEquals(2L, s.lastStep());
            // the score is the headline once there is one (not the loss)
            assertEquals(MetricNames.SCORE_MEAN, s.best().name());
            assertEquals(0.5, s.best().value());
        }
    }

    @Test
    void reWritingAStepReplacesItsRowsWithFreshIds() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long run = store.createRun(spec("r")).id();
            store.startStage(run, StageKind.SEED, 10L, null);
            store.recordMetrics(run, StageKind.SEED, 1, Map.of("a", 1.0, "b", 2.0), Instant.now());
            store.recordMetrics(run, StageKind.SEED, 2, Map.of("a", 3.0), Instant.now());
            long seen = store.metricsSince(run, 0).stream().mapToLong(MetricRow::id).max().orElseThrow();
            store.recordMetrics(run, StageKind.SEED, 1, Map.of("a", 10.0), Instant.now());

            List<MetricRow> rows = store.metrics(run, null, null);
            assertEquals(3, rows.size(), "one row per (run, stage, step, name)");
            assertEquals(10.0, rows.stream().filter(r -> r.step() == 1 && r.name().equals("a")).findFirst()
                    .orElseThrow().value());
            List<MetricRow> tail = store.metricsSince(run, seen);
            assertEquals(1, tail.size(), "a tailing reader sees the re-written row");
            assertEquals(10.0, tail.get(0).value());
        }
    }

    @Test
    void deleteAfterAStepRemovesOnlyLaterRowsOfThatStage() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long run = store.createRun(spec("r")).id();
            store.startStage(run, StageKind.SEED, 5L, null);
            store.startStage(run, StageKind.ZERO, 5L, null);
            for (int step = 1; step <= 5; step++) {
                store.recordMetrics(run, StageKind.SEED, step, Map.of("x", (double) step), Instant.now());
                store.recordMetrics(run, StageKind.ZERO, step, Map.of("x", (double) step), Instant.now());
                store.recordRollouts(run, List.of(rollout(StageKind.SEED, step, null)));
            }
            assertEquals(2, store.deleteMetricsAfter(run, StageKind.SEED, 3));
            assertEquals(2, store.deleteRolloutsAfter(run, StageKind.SEED, 3));
            assertEquals(List.of(1L, 2L, 3L), store.metrics(run, null, StageKind.SEED).stream().map(MetricRow::step)
                    .collect(Collectors.toList()));
            assertEquals(5, store.metrics(run, null, StageKind.ZERO).size());
            assertEquals(3, store.rollouts(run, null, 0, Long.MAX_VALUE, false).size());
        }
    }

    private static RolloutRecord rollout(StageKind stage, long step, String graph) {
        return new RolloutRecord(stage, step, RolloutKind.ROLLOUT, "arithmetic-train-" + step, 0, "What is 2+2?",
                "<guideline>...</guideline>4", 1.0, true, 0.0, 120, 50, 3, graph);
    }

    @Test
    void rolloutsKeepEveryFieldAndTheirCompressedGraph() {
        String graph = "{\"nodes\":[" + "{\"id\":1,\"kind\":\"step\"},".repeat(200) + "{\"id\":0}]}";
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long run = store.createRun(spec("r")).id();
            store.startStage(run, StageKind.ZERO, 5L, null);
            RolloutRecord withGraph = rollout(StageKind.ZERO, 2, graph);
            RolloutRecord bare = new RolloutRecord(StageKind.ZERO, 2, RolloutKind.EVAL, "p9", 1, "q", "a", null, null,
                    null, null, null, null, null);
            store.recordRollouts(run, List.of(withGraph, bare));

            List<RolloutRow> rows = store.rollouts(run, StageKind.ZERO, 2, 2, true);
            assertEquals(List.of(withGraph, bare), rows.stream().map(RolloutRow::rollout).collect(Collectors.toList()));
            List<RolloutRow> light = store.rollouts(run, StageKind.ZERO, 0, 10, false);
            assertNull(light.get(0).rollout().graphJson());
            assertEquals(graph, store.rolloutGraph(light.get(0).id()).orElseThrow());
            assertTrue(store.rolloutGraph(light.get(1).id()).isEmpty());
            assertTrue(RunStore.gzip(graph).length < graph.length() / 5, "the graph is stored compressed");
            assertTrue(store.rollouts(run, StageKind.ZERO, 3, 10, false).isEmpty());
        }
    }

    @Test
    void nonFiniteValuesAreStoredAsTheyAre() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long run = store.createRun(spec("r")).id();
            store.startStage(run, StageKind.SEED, 5L, null);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(MetricNames.TRAIN_LOSS, Double.NaN);
            m.put(MetricNames.TRAIN_GRAD_NORM, Double.POSITIVE_INFINITY);
            store.recordMetrics(run, StageKind.SEED, 1, m, Instant.now());
            store.recordMetrics(run, StageKind.SEED, 2, Map.of(MetricNames.TRAIN_LOSS, 2.5), Instant.now());
            store.recordCheckpoint(run, new CheckpointRecord(StageKind.SEED, 1, dir, null, Map.of("loss", Double.NaN)));
            List<MetricRow> rows = store.metrics(run, null, null);
            assertEquals(MetricNames.TRAIN_GRAD_NORM, rows.get(0).name());
            assertEquals(Double.POSITIVE_INFINITY, rows.get(0).value());
            assertTrue(Double.isNaN(rows.get(1).value()));
            assertTrue(Double.isNaN(store.checkpoints(run).get(0).metrics().get("loss")));
            // the best loss ignores the NaN
            assertEquals(2.5, store.summaries().get(0).best().value());
        }
    }

    @Test
    void namesAreUniqueValidAndRenameable() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            store.createRun(spec("a"));
            store.createRun(spec("b"));
            BadInputException taken = assertThrows(BadInputException.class, () -> store.createRun(spec("a")));
            assertTrue(taken.getMessage().contains("'a' already exists in " + store.file()), taken.getMessage());
            for (String bad : new String[] {"", "a/b", "x@1", "-x", "a b", "n".repeat(65)}) {
                assertThrows(BadInputException.class, () -> store.createRun(spec(bad)), bad);
            }
            assertThrows(BadInputException.class, () -> store.createRun(new RunSpec("c", null, null,
                    List.of(StageKind.SEED), "[1,2]", null, null)));

            BadInputException clash = assertThrows(BadInputException.class, () -> store.renameRun("a", "b"));
            assertTrue(clash.getMessage().contains("already exists"), clash.getMessage());
            assertThrows(BadInputException.class, () -> store.renameRun("nope", "c"));
            store.renameRun("a", "c");
            assertTrue(store.run("a").isEmpty());
            assertEquals(Set.of("b", "c"), store.runs().stream().map(RunInfo::name).collect(Collectors.toSet()));
        }
    }

    @Test
    void deletingARunRemovesEverythingRecordedWithIt() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long a = store.createRun(spec("a")).id();
            long b = store.createRun(spec("b")).id();
            for (long run : new long[] {a, b}) {
                store.startStage(run, StageKind.SEED, 1L, null);
                store.recordMetrics(run, StageKind.SEED, 1, Map.of("x", 1.0), Instant.now());
                store.recordCheckpoint(run, new CheckpointRecord(StageKind.SEED, 1, dir, null, Map.of()));
                store.recordRollouts(run, List.of(rollout(StageKind.SEED, 1, "{}")));
                store.recordEvent(run, StageKind.SEED, 1L, EventKind.INFO, "hi");
            }
            assertTrue(store.deleteRun("a"));
            assertFalse(store.deleteRun("a"));
            assertTrue(store.metrics(a, null, null).isEmpty());
            assertTrue(store.checkpoints(a).isEmpty());
            assertTrue(store.events(a).isEmpty());
            assertTrue(store.stages(a).isEmpty());
            assertEquals(1, store.metrics(b, null, null).size());
            assertEquals(1, store.rollouts(b, null, 0, 9, false).size());
        }
    }

    @Test
    void anUnplannedStageIsAddedToTheRun() {
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long run = store.createRun(new RunSpec("r", null, null, List.of(StageKind.SEED), "{}", null, null)).id();
            store.startStage(run, StageKind.PAPO, null, "elsewhere");
            assertEquals(List.of(StageKind.SEED, StageKind.PAPO), store.run(run).orElseThrow().stages());
            assertEquals(List.of(StageKind.SEED, StageKind.PAPO),
                    store.stages(run).stream().map(StageInfo::kind).collect(Collectors.toList()));
            assertThrows(IllegalStateException.class,
                    () -> store.recordMetrics(run, StageKind.ZERO, 1, Map.of("x", 1.0), Instant.now()));
        }
    }

    @Test
    void aRunWhoseProcessIsGoneReadsAsInterrupted() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (RunStore store = RunStore.open(new DataHome(dir))) {
            long run = store.createRun(spec("r")).id();
            assertEquals(RunStatus.RUNNING, store.run(run).orElseThrow().status());
            try (var c = java.sql.DriverManager.getConnection(RunStore.url(dir.resolve("db").resolve("runs")), "sa", "");
                 var ps = c.prepareStatement("update runs set pid = ? where id = ?")) {
                ps.setLong(1, gone.pid());
                ps.setLong(2, run);
                ps.executeUpdate();
            }
            assertEquals(RunStatus.INTERRUPTED, store.run(run).orElseThrow().status());
            store.markRunning(run, null);
            assertEquals(RunStatus.RUNNING, store.run(run).orElseThrow().status());
        }
    }
}
