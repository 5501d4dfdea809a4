package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.Main;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;

/**
 * A smoke pipeline in a real training JVM is killed (kill -9) in PAPO after a step checkpoint; a
 * second JVM resumes it ({@code npr train --resume}) and is asked to stop by {@code npr runs stop};
 * a third resume finishes it. Every stage then has each step's metrics and training rollouts once.
 */
class PipelineResumeAfterKillTest {
    private static final int PAPO_STEPS = 5;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    private Process npr(Path log, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits until {@code until} holds for run k in the store; fails if {@code p} ends first or after 90 s. */
    private static void await(Process p, Path log, Path home, Predicate<RunStore> until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(RunStore.fileOf(new DataHome(home)))) {
            Thread.sleep(20);
        }
        try (RunStore store = RunStore.open(new DataHome(home))) {
            while (true) {
                if (store.run("k").isPresent() && until.test(store)) {
                    return;
                }
                if (!p.isAlive()) {
                    fail("the training JVM ended (" + p.exitValue() + ") too early:\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("the training JVM did not get there within 90 s:\n" + Files.readString(log));
                }
                Thread.sleep(10);
            }
        }
    }

    private static long lastStep(RunStore store, StageKind stage) {
        RunInfo r = store.requireRun("k");
        return store.metrics(r.id(), List.of("timing_s/step"), stage).stream().mapToLong(MetricRow::step).max().orElse(0);
    }

    @Test
    void killedThenStoppedPipelineResumesToEveryStepOnce() throws Exception {
        Path home = dir.resolve("home");
        List<String> train = List.of("--home", home.toString(), "train", "--task", "arithmetic", "--preset", "smoke",
                "--run", "k", "--checkpoint-every", "1", "--set", "papo_steps=" + PAPO_STEPS);

        Path log1 = dir.resolve("first.log");
        Process first = npr(log1, train);
        await(first, log1, home, store -> store.checkpoints(store.requireRun("k").id()).stream()
                .anyMatch(c -> c.stage() == StageKind.PAPO && c.step() >= 2));
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        try (RunStore store = RunStore.open(new DataHome(home))) {
            assertEquals(RunStatus.INTERRUPTED, store.requireRun("k").status());
        }
        CliRun refused = CliRun.of("--home", home.toString(), "runs", "stop", "k");
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("was interrupted"), refused.err());

        Path log2 = dir.resolve("second.log");
        Process second = npr(log2, List.of("--home", home.toString(), "train", "--resume", "k"));
        await(second, log2, home, store -> store.requireRun("k").status() == RunStatus.RUNNING
                && store.events(store.requireRun("k").id()).stream().anyMatch(e -> e.kind() == EventKind.RESUME)
                && lastStep(store, StageKind.SR) >= 1);
        CliRun stop = CliRun.of("--home", home.toString(), "runs", "stop", "k");
        assertEquals(0, stop.status(), stop.err());
        assertTrue(second.waitFor(90, TimeUnit.SECONDS), "the stopped JVM did not end");
        assertEquals(0, second.exitValue(), Files.readString(log2));
        assertTrue(Files.readString(log2).contains("npr train --resume k continues it"), Files.readString(log2));
        try (RunStore store = RunStore.open(new DataHome(home))) {
            RunInfo r = store.requireRun("k");
            assertEquals(RunStatus.STOPPED, r.status());
            assertEquals(RunStatus.STOPPED, store.stages(r.id()).stream().filter(s -> s.kind() == StageKind.SR)
                    .findFirst().orElseThrow().status());
        }

        CliRun third = CliRun.of("--home", home.toString(), "train", "--resume", "k");
        assertEquals(0, third.status(), third.err() + third.out());
        assertTrue(third.out().contains("run k finished"), third.out());

        try (RunStore store = RunStore.open(new DataHome(home))) {
            RunInfo run = store.requireRun("k");
            assertEquals(RunStatus.FINISHED, run.status());
            for (StageInfo s : store.stages(run.id())) {
                assertEquals(RunStatus.FINISHED, s.status(), s.toString());
            }
            List<MetricRow> rows = store.metrics(run.id(), null, null);
            Map<String, Integer> count = new HashMap<>();
            rows.forEach(r -> count.merge(r.stage() + " " + r.step() + " " + r.name(), 1, Integer::sum));
            count.forEach((k, n) -> assertEquals(1, n, k));
            Map<StageKind, Integer> planned = Map.of(StageKind.SEED, 4, StageKind.ZERO, 2, StageKind.PAPO, PAPO_STEPS,
                    StageKind.SR, PAPO_STEPS);
            planned.forEach((stage, n) -> {
                Set<Long> want = LongStream.rangeClosed(1, n).boxed().collect(Collectors.toCollection(TreeSet::new));
                Set<Long> got = rows.stream().filter(r -> r.stage() == stage && r.name().equals("timing_s/step"))
                        .map(MetricRow::step).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(want, got, "steps of " + stage);
            });
            for (StageKind s : List.of(StageKind.PAPO, StageKind.SR)) {
                List<RolloutRow> rollouts = store.rollouts(run.id(), s, 0, Long.MAX_VALUE, false).stream()
                        .filter(r -> r.rollout().kind() == RolloutKind.ROLLOUT).toList();
                Set<String> keys = new TreeSet<>();
                for (RolloutRow r : rollouts) {
                    assertTrue(keys.add(r.rollout().step() + " " + r.rollout().problemId() + " " + r.rollout().sample()),
                            s + " rollout recorded twice: " + r.rollout().step() + " " + r.rollout().problemId());
                }
            }
            List<CheckpointInfo> cks = store.checkpoints(run.id());
            for (CheckpointInfo c : cks) {
                assertEquals(c.kept(), Files.isDirectory(Path.of(c.folder())), c.toString());
            }
            var events = store.events(run.id());
            assertTrue(events.stream().filter(e -> e.kind() == EventKind.RESUME).count() >= 2, events.toString());
            assertTrue(events.stream().anyMatch(e -> e.kind() == EventKind.STOP), events.toString());
        }
        CliRun again = CliRun.of("--home", home.toString(), "runs", "stop", "k");
        assertEquals(2, again.status());
        assertTrue(again.err().contains("run k has finished"), again.err());
        CliRun unknown = CliRun.of("--home", home.toString(), "runs", "stop", "nope");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("no run named 'nope'"), unknown.err());
    }
}
