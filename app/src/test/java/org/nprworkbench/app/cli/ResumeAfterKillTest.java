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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.Main;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

/**
 * A seed SFT run in a real training JVM is killed (kill -9) after a checkpoint, mid-way through the
 * steps after it; {@code npr train --resume} in a second JVM finishes it. Each metric row exists once
 * and the deterministic figures equal those of an uninterrupted run with the same seed.
 */
class ResumeAfterKillTest {
    private static final int STEPS = 15;
    private static final Set<String> DETERMINISTIC = Set.of(MetricNames.TRAIN_LOSS, MetricNames.TRAIN_LR,
            MetricNames.TRAIN_GRAD_NORM);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    private List<String> seedArgs(Path home, Path init) {
        return List.of("--home", home.toString(), "train", "seed", "--run", "demo", "--init", init.toString(),
                "--steps", Integer.toString(STEPS), "--examples", "2", "--batch", "2", "--checkpoint-every", "3",
                "--keep-last", "2", "--seed", "3");
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

    private static void checkAlive(Process p, Path log, long deadline) throws Exception {
        if (!p.isAlive()) {
            fail("the training JVM ended (" + p.exitValue() + ") before it could be killed:\n" + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
            fail("no step past a checkpoint within 120 s:\n" + Files.readString(log));
        }
    }

    @Test
    void killedRunResumesToTheUninterruptedMetrics() throws Exception {
        Path init = dir.resolve("init");
        assertEquals(0, CliRun.of("model", "init", "--size", "micro", "--out", init.toString()).status());
        Path refHome = dir.resolve("ref");
        CliRun ref = CliRun.of(seedArgs(refHome, init).toArray(String[]::new));
        assertEquals(0, ref.status(), ref.err());

        Path home = dir.resolve("killed");
        Path log1 = dir.resolve("first.log");
        Process first = npr(log1, seedArgs(home, init));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long killedAfterCheckpoint = -1;
        while (!Files.exists(RunStore.fileOf(new DataHome(home)))) {
            checkAlive(first, log1, deadline);
            Thread.sleep(20);
        }
        try (RunStore store = RunStore.open(new DataHome(home))) {
            while (killedAfterCheckpoint < 0) {
                checkAlive(first, log1, deadline);
                var run = store.run("demo");
                if (run.isPresent()) {
                    long ck = store.checkpoints(run.get().id()).stream().mapToLong(CheckpointInfo::step).max().orElse(-1);
                    long last = store.metrics(run.get().id(), List.of(MetricNames.TRAIN_LOSS), null).stream()
                            .mapToLong(MetricRow::step).max().orElse(-1);
                    if (ck >= 3 && last > ck) {
                        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
                        first.waitFor(30, TimeUnit.SECONDS);
                        killedAfterCheckpoint = ck;
                    }
                }
                Thread.sleep(10);
            }
        }

        try (RunStore store = RunStore.open(new DataHome(home))) {
            assertEquals(RunStatus.INTERRUPTED, store.requireRun("demo").status());
        }
        Path log2 = dir.resolve("resume.log");
        Process second = npr(log2, List.of("--home", home.toString(), "train", "--resume", "demo"));
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "resume did not end");
        assertEquals(0, second.exitValue(), Files.readString(log2));

        Map<String, Double> expected = new HashMap<>();
        try (RunStore store = RunStore.open(new DataHome(refHome))) {
            for (MetricRow r : store.metrics(store.requireRun("demo").id(), DETERMINISTIC, null)) {
                expected.put(r.step() + " " + r.name(), r.value());
            }
        }
        assertEquals(STEPS * DETERMINISTIC.size(), expected.size());
        try (RunStore store = RunStore.open(new DataHome(home))) {
            RunInfo run = store.requireRun("demo");
            assertEquals(RunStatus.FINISHED, run.status());
            List<MetricRow> rows = store.metrics(run.id(), null, null);
            Map<String, Integer> count = new HashMap<>();
            for (MetricRow r : rows) {
                count.merge(r.stage() + " " + r.step() + " " + r.name(), 1, Integer::sum);
            }
            assertEquals(STEPS * 5, count.size(), "every step's five metrics: " + count.keySet());
            count.forEach((k, n) -> assertEquals(1, n, "row " + k + " written " + n + " times"));
            for (MetricRow r : rows) {
                if (DETERMINISTIC.contains(r.name())) {
                    double want = expected.get(r.step() + " " + r.name());
                    assertEquals(want, r.value(), 1e-5, r.name() + " at step " + r.step()
                            + " (killed after checkpoint " + killedAfterCheckpoint + ")");
                }
            }
            List<CheckpointInfo> cks = store.checkpoints(run.id());
            CheckpointInfo end = cks.get(cks.size() - 1);
            assertEquals(STEPS, end.step());
            assertTrue(end.kept() && TrainingState.presentIn(Path.of(end.folder())), end.toString());
            assertEquals(home.resolve("runs/demo/seed").toAbsolutePath().toString(), end.folder());
            long kept = cks.stream().filter(c -> c.kept() && c.step() < STEPS).count();
            assertTrue(kept >= 2 && kept <= 3, "keep-last 2 plus the best: " + cks); // best may be one of the last
            for (CheckpointInfo c : cks) {
                assertEquals(c.kept(), Files.isDirectory(Path.of(c.folder())), c.toString());
            }
            assertTrue(store.events(run.id()).stream().anyMatch(e -> e.kind() == EventKind.RESUME),
                    store.events(run.id()).toString());
        }
        CliRun again = CliRun.of("--home", home.toString(), "train", "--resume", "demo");
        assertEquals(2, again.status());
        assertTrue(again.err().contains("run demo has finished"), again.err());
    }
}
