package org.nprworkbench.trainer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.events.RunStoreRecorder;
import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.resume.ResumeRun;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;

import ai.djl.Device;

/**
 * A smoke pipeline asked to stop through the run store in the seed SFT stage, resumed, asked again in
 * PAPO, resumed again: it ends finished with every stage's steps recorded exactly once (metrics and
 * training rollouts), each stop an event, the stopped stage's resumable checkpoint where it stopped,
 * and every figure but timings equal to those of the same run without stops.
 */
class PipelineStopResumeTest {
    @TempDir
    Path dir;

    /** Requests a stop of {@code run} when {@code stage} reports step {@code step}. */
    private static TrainingListener stopAt(RunStore store, String run, StageKind stage, long step) {
        return new TrainingListener() {
            @Override
            public void stepMetrics(TrainingEvent.StepMetrics e) {
                if (e.stage() == stage && e.step() == step) {
                    store.requestStop(run);
                }
            }
        };
    }

    @Test
    void stoppedTwiceAndResumedTheRunCompletesWithEveryStepOnce() {
        PipelineConfig cfg = PipelineConfig.preset("smoke");
        Path folder = dir.resolve("runs/s");
        try (RunStore store = RunStore.open(dir.resolve("db/runs"))) {
            Pipeline.Plan plan = new Pipeline.Plan("s", "arithmetic", List.of(StageKind.values()), cfg, folder, Device.cpu());
            Pipeline p = new Pipeline(plan, TrainingListener.all(new RunStoreRecorder(store), stopAt(store, "s", StageKind.SEED, 2)),
                    new Pipeline.Control(0, 2, StopSignal.of(store, "s"), store));
            StopRequested first = assertThrows(StopRequested.class, p::run);
            assertEquals(StageKind.SEED, first.stage());
            assertEquals(2, first.step());
            RunInfo run = store.requireRun("s");
            assertEquals(RunStatus.STOPPED, run.status());
            assertEquals(RunStatus.STOPPED, stage(store, run, StageKind.SEED).status());
            assertEquals(RunStatus.PENDING, stage(store, run, StageKind.ZERO).status());
            assertTrue(Files.isDirectory(Path.of(first.checkpoint())), first.checkpoint());
            BadInputException notRunning = assertThrows(BadInputException.class, () -> store.requestStop("s"));
            assertTrue(notRunning.getMessage().contains("already stopped"), notRunning.getMessage());

            StopRequested second = assertThrows(StopRequested.class, () -> ResumeRun.resume("s", Device.cpu(), store,
                    stopAt(store, "s", StageKind.PAPO, 1)));
            assertEquals(StageKind.PAPO, second.stage());
            assertEquals(1, second.step());
            assertEquals(RunStatus.STOPPED, store.requireRun("s").status());

            ResumeRun.Outcome last = ResumeRun.resume("s", Device.cpu(), store, TrainingListener.NONE);
            assertEquals(List.of(StageKind.PAPO, StageKind.SR_BETA, StageKind.SR),
                    last.stages().stream().map(Pipeline.StageOutcome::stage).toList());

            run = store.requireRun("s");
            assertEquals(RunStatus.FINISHED, run.status());
            for (StageInfo s : store.stages(run.id())) {
                assertEquals(RunStatus.FINISHED, s.status(), s.toString());
                assertTrue(Files.isDirectory(folder.resolve(s.kind().label())), s.kind().label());
            }
            Map<StageKind, Long> planned = Map.of(StageKind.SEED, (long) cfg.integer("seed_steps"),
                    StageKind.ZERO, (long) cfg.integer("zero_steps"), StageKind.PAPO, (long) cfg.integer("papo_steps"),
                    StageKind.SR, (long) cfg.integer("papo_steps"));
            List<MetricRow> rows = store.metrics(run.id(), null, null);
            Map<String, Integer> count = new HashMap<>();
            rows.forEach(r -> count.merge(r.stage() + " " + r.step() + " " + r.name(), 1, Integer::sum));
            count.forEach((k, n) -> assertEquals(1, n, k));
            for (var e : planned.entrySet()) {
                Set<Long> steps = rows.stream().filter(r -> r.stage() == e.getKey()).map(MetricRow::step)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(LongStream.rangeClosed(1, e.getValue()).boxed().collect(Collectors.toCollection(TreeSet::new)),
                        steps, "steps of " + e.getKey());
                Set<String> names = rows.stream().filter(r -> r.stage() == e.getKey() && r.step() == 1)
                        .map(MetricRow::name).collect(Collectors.toSet());
                Set<String> namesLast = rows.stream().filter(r -> r.stage() == e.getKey() && r.step() == e.getValue())
                        .map(MetricRow::name).collect(Collectors.toSet());
                assertTrue(namesLast.containsAll(names), e.getKey() + ": " + names + " vs " + namesLast);
            }
            for (StageKind s : List.of(StageKind.ZERO, StageKind.PAPO, StageKind.SR)) {
                List<RolloutRow> rollouts = store.rollouts(run.id(), s, 0, Long.MAX_VALUE, false).stream()
                        .filter(r -> r.rollout().kind() == RolloutKind.ROLLOUT).toList();
                Map<String, Long> perKey = rollouts.stream().collect(Collectors.groupingBy(
                        r -> r.rollout().step() + " " + r.rollout().problemId() + " " + r.rollout().sample(), Collectors.counting()));
                assertTrue(!perKey.isEmpty(), s + " recorded no rollouts");
                perKey.forEach((k, n) -> assertEquals(1L, n, s + " rollout " + k));
                assertEquals(LongStream.rangeClosed(1, planned.get(s)).boxed().collect(Collectors.toSet()),
                        rollouts.stream().map(r -> r.rollout().step()).collect(Collectors.toSet()), s + " rollout steps");
            }
            var events = store.events(run.id());
            assertEquals(2, events.stream().filter(e -> e.kind() == EventKind.STOP).count(), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.kind() == EventKind.RESUME && e.message().contains("papo resumed after step 1")),
                    events.toString());
            BadInputException done = assertThrows(BadInputException.class, () -> store.requestStop("s"));
            assertTrue(done.getMessage().contains("has finished"), done.getMessage());

            // the same run without stops: every figure but timings equal (weights, optimiser, prompts and seeds restored)
            Map<String, Double> resumed = figures(rows);
            try (RunStore ref = RunStore.open(dir.resolve("ref/db/runs"))) {
                new Pipeline(new Pipeline.Plan("s", "arithmetic", List.of(StageKind.values()), cfg, dir.resolve("ref/runs/s"),
                        Device.cpu()), new RunStoreRecorder(ref)).run();
                Map<String, Double> uninterrupted = figures(ref.metrics(ref.requireRun("s").id(), null, null));
                assertEquals(uninterrupted.keySet(), resumed.keySet());
                uninterrupted.forEach((k, v) -> assertEquals(v, resumed.get(k), 1e-5 * Math.max(1, Math.abs(v)), k));
            }
        }
    }

    private static Map<String, Double> figures(List<MetricRow> rows) {
        Map<String, Double> m = new TreeMap<>();
        rows.stream().filter(r -> !r.name().startsWith("timing_s/") && !r.name().startsWith("perf/")
                        && !r.name().contains("tokens_per_second") && !r.name().equals(MetricNames.NPR_TPS_RATIO))
                .forEach(r -> m.put(r.stage() + " " + r.step() + " " + r.name(), r.value()));
        return m;
    }

    private static StageInfo stage(RunStore store, RunInfo run, StageKind kind) {
        return store.stages(run.id()).stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }
}
