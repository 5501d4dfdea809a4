package org.nprworkbench.app.gui.training;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;

/**
 * Reads what the Training page shows from the data home's run store, on a background thread: for
 * each followed run its record, stages and the metric rows written since the last read
 * ({@link RunStore#metricsSince}), and the followed run's samples. Keeps one store connection open
 * (opened once the database exists, so that reading never creates one). Thread-safe.
 */
final class TrainingFeed implements AutoCloseable {
    /** The most samples read for the rollouts table. */
    static final int ROLLOUT_LIMIT = 400;

    private final DataHome home;
    private RunStore store;

    TrainingFeed(DataHome home) {
        this.home = home;
    }

    /** What one read found about a run; {@code rollouts} is null when not asked for or unchanged. */
    record RunRead(String name, RunInfo run, List<StageInfo> stages, List<MetricRow> rows, List<RolloutRow> rollouts) {
    }

    /** What one read found: the runs asked for (absent ones left out) and every run name in the store. */
    record Read(List<RunRead> runs, List<String> names) {
    }

    /**
     * Reads {@code runs} (with the rows after {@code afterIds}' ids, 0 for all), and the samples of
     * {@code withRollouts} when not null, on its first read and whenever it has new rows.
     */
    synchronized Read read(Collection<String> runs, Map<String, Long> afterIds, String withRollouts) {
        try {
            return readOpen(runs, afterIds, withRollouts);
        } catch (RuntimeException e) {
            // e.g. the training process that served the database to this one has exited: the next
            // read opens the file afresh (and serves it, if no other process does)
            close();
            throw e;
        }
    }

    private Read readOpen(Collection<String> runs, Map<String, Long> afterIds, String withRollouts) {
        RunStore s = store();
        if (s == null) {
            return new Read(List.of(), List.of());
        }
        List<RunRead> out = new ArrayList<>();
        for (String name : runs) {
            Optional<RunInfo> info = s.run(name);
            if (info.isEmpty()) {
                continue;
            }
            RunInfo r = info.get();
            long after = afterIds.getOrDefault(name, 0L);
            List<MetricRow> rows = s.metricsSince(r.id(), after);
            List<RolloutRow> rollouts = null;
            // samples are written with a step's metrics: read them again only when new rows came
            if (name.equals(withRollouts) && (after == 0 || !rows.isEmpty())) {
                List<RolloutRow> all = s.rollouts(r.id(), null, Long.MIN_VALUE, Long.MAX_VALUE, false);
                rollouts = List.copyOf(all.subList(Math.max(0, all.size() - ROLLOUT_LIMIT), all.size()));
            }
            out.add(new RunRead(name, r, s.stages(r.id()), rows, rollouts));
        }
        return new Read(out, s.runs().stream().map(RunInfo::name).toList());
    }

    private RunStore store() {
        if (store == null && Files.exists(RunStore.fileOf(home))) {
            store = RunStore.open(home);
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
