package org.nprworkbench.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one run database, as a command-line training run and the workbench window
 * use it: a real second JVM ({@link StoreProcess}) writes metrics while this JVM reads them and sees
 * them grow, whichever of the two opened the file first; a writer killed with SIGKILL loses nothing
 * it committed and its run reads as interrupted; a process that holds the file without sharing it
 * gives a clear "locked" message.
 */
class MultiProcessStoreTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    private Path base() {
        return dir.resolve("db").resolve("runs");
    }

    /** A child JVM with the test class path; its output lines arrive in {@code lines}. */
    private Process child(BlockingQueue<String> lines, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StoreProcess.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void await(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.equals(wanted)) {
                    return;
                }
            }
        }
        throw new AssertionError("the child never printed '" + wanted + "'; it printed " + seen);
    }

    /** Tails the run's metrics until the writer exits; returns the distinct row counts seen on the way. */
    private static Set<Integer> tail(RunStore store, String run, Process writer, List<MetricRow> rows) throws Exception {
        Set<Integer> counts = new HashSet<>();
        long last = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            boolean exited = !writer.isAlive();
            var info = store.run(run);
            if (info.isPresent()) {
                for (MetricRow r : store.metricsSince(info.get().id(), last)) {
                    rows.add(r);
                    last = Math.max(last, r.id());
                }
                counts.add(rows.size());
            }
            if (exited) {
                return counts;
            }
            Thread.sleep(40);
        }
        throw new AssertionError("the writer did not finish");
    }

    private static void assertComplete(List<MetricRow> rows, int steps) {
        assertEquals(2 * steps, rows.size(), "every row once");
        Set<String> keys = rows.stream().map(r -> r.step() + "/" + r.name()).collect(Collectors.toSet());
        assertEquals(2 * steps, keys.size());
        for (MetricRow r : rows) {
            assertEquals(r.name().equals("a") ? r.step() : 2.0 * r.step(), r.value());
        }
    }

    @Test
    void aSecondJvmWritesWhileThisOneReads() throws Exception {
        try (RunStore store = RunStore.open(base())) { // this JVM opens the file first and serves it
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Process writer = child(lines, "write", base().toString(), "live", "25", "60");
            List<MetricRow> rows = new ArrayList<>();
            Set<Integer> counts = tail(store, "live", writer, rows);
            assertEquals(0, writer.waitFor(), String.join("\n", lines));
            assertComplete(rows, 25);
            long partial = counts.stream().filter(n -> n > 0 && n < 50).count();
            assertTrue(partial >= 3, "saw the metrics grow while the writer ran: " + counts);
            RunInfo run = store.requireRun("live");
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals(RunStatus.FINISHED, store.stages(run.id()).get(0).status());
        }
    }

    @Test
    void aReaderThatJoinedLaterKeepsReadingAfterTheWriterExits() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process writer = child(lines, "write", base().toString(), "first", "20", "60");
        await(lines, "step 1"); // the writer opened the file first and serves it
        try (RunStore store = RunStore.open(base())) {
            List<MetricRow> rows = new ArrayList<>();
            Set<Integer> counts = tail(store, "first", writer, rows);
            assertEquals(0, writer.waitFor());
            // the serving process is gone: this one takes the file over and reads on
            rows.addAll(store.metricsSince(store.requireRun("first").id(), rows.stream().mapToLong(MetricRow::id).max().orElse(0)));
            assertComplete(rows, 20);
            assertTrue(counts.stream().anyMatch(n -> n > 0 && n < 40), "saw partial progress: " + counts);
            assertEquals(RunStatus.FINISHED, store.requireRun("first").status());
        }
    }

    @Test
    void aKilledWriterLosesNothingItCommitted() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process writer = child(lines, "write", base().toString(), "killed", "100000", "5");
        await(lines, "step 20");
        int seen;
        try (RunStore store = RunStore.open(base())) {
            long run = store.requireRun("killed").id();
            seen = store.metrics(run, null, null).size();
            assertTrue(seen >= 40, "rows before the kill: " + seen);
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the file
            writer.waitFor();
            List<MetricRow> after = store.metrics(run, null, null);
            assertTrue(after.size() >= seen, after.size() + " rows after the kill, " + seen + " before");
            assertEquals(after.size(), after.stream().map(r -> r.step() + "/" + r.name()).distinct().count());
            assertEquals(RunStatus.INTERRUPTED, store.requireRun("killed").status());
        }
        try (RunStore again = RunStore.open(base())) {
            assertTrue(again.metrics(again.requireRun("killed").id(), null, null).size() >= seen);
        }
    }

    @Test
    void aProcessHoldingTheFileUnsharedGivesALockedMessage() throws Exception {
        try (RunStore store = RunStore.open(base())) {
            store.createRun(new RunSpec("x", null, null, List.of(org.nprworkbench.trainer.stage.StageKind.SEED), "{}",
                    null, null));
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process holder = child(lines, "hold", base().toString());
        await(lines, "holding");
        RunStoreException e = org.junit.jupiter.api.Assertions.assertThrows(RunStoreException.class,
                () -> RunStore.open(base()));
        assertEquals(RunStoreException.Problem.LOCKED, e.problem());
        assertTrue(e.getMessage().startsWith(base() + ".mv.db: the run database is in use"), e.getMessage());
        holder.getOutputStream().close();
        assertEquals(0, holder.waitFor());
        try (RunStore store = RunStore.open(base())) {
            assertTrue(store.run("x").isPresent(), "usable again once the other program let go");
        }
    }
}
