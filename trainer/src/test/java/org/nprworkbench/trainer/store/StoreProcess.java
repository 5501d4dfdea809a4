package org.nprworkbench.trainer.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * A second process for the multi-process store tests (started by {@link MultiProcessStoreTest} with
 * the test class path):
 * <ul>
 *   <li>{@code write BASE RUN STEPS DELAY_MS}: records a run whose seed stage writes metrics {@code a}
 *       and {@code b} each step, printing {@code step N} after each step's transaction;</li>
 *   <li>{@code hold BASE}: opens the database file in plain embedded mode (not shared, as another
 *       program would), prints {@code holding} and keeps it until its standard input closes.</li>
 * </ul>
 */
public final class StoreProcess {
    private StoreProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "")) {
                System.out.println(c.isValid(1) ? "holding" : "not holding");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().count();
            }
            return;
        }
        String run = args[2];
        int steps = Integer.parseInt(args[3]);
        long delay = Long.parseLong(args[4]);
        try (RunStore store = RunStore.open(base)) {
            long id = store.createRun(new RunSpec(run, "arithmetic", null, List.of(StageKind.SEED), "{\"steps\":" + steps + "}",
                    1L, "cpu()")).id();
            store.startStage(id, StageKind.SEED, (long) steps, null);
            for (int step = 1; step <= steps; step++) {
                store.recordMetrics(id, StageKind.SEED, step, Map.of("a", (double) step, "b", 2.0 * step), Instant.now());
                System.out.println("step " + step);
                System.out.flush();
                Thread.sleep(delay);
            }
            store.finishStage(id, StageKind.SEED, RunStatus.FINISHED, null);
            store.finishRun(id, RunStatus.FINISHED);
        }
        System.out.println("done");
    }
}
