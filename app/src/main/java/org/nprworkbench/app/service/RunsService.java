package org.nprworkbench.app.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventInfo;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.MetricSummary;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.RunSummary;
import org.nprworkbench.trainer.store.StageInfo;

/**
 * The training runs of a data home's run store ({@code npr runs}, later the window's run browser):
 * list, show, metrics, stop, delete, rename. Each call opens the store and closes it again; listing never
 * creates a database. Unknown runs and metrics are bad input.
 */
public final class RunsService {
    private final DataHome home;

    /** The runs of {@code home}. */
    public RunsService(DataHome home) {
        this.home = home;
    }

    /** Everything recorded about one run. */
    public record RunDetails(RunInfo run, List<StageInfo> stages, List<CheckpointInfo> checkpoints,
                             List<MetricSummary> metrics, List<EventInfo> events) {
    }

    /**
     * What deleting a run would remove, for the question asked before it.
     *
     * @param metricRows the metric rows recorded with it
     */
    public record Deletion(RunInfo run, int stages, long metricRows, List<CheckpointInfo> checkpoints) {
    }

    /** Every run with its last step and best metric; empty when the home has no database yet. */
    public List<RunSummary> list() {
        try (RunStore store = openIfPresent()) {
            return store == null ? List.of() : store.summaries();
        }
    }

    /** The run called {@code name}, with its stages, checkpoints, metric names and events. */
    public RunDetails show(String name) {
        try (RunStore store = openExisting(name)) {
            RunInfo r = store.requireRun(name);
            return new RunDetails(r, store.stages(r.id()), store.checkpoints(r.id()), store.metricSummaries(r.id()),
                    store.events(r.id()));
        }
    }

    /**
     * The run's metric rows, of the given names (all when empty) and stage (all when null); a name the
     * run never recorded is bad input listing the names it has.
     */
    public List<MetricRow> metrics(String name, Collection<String> names, StageKind stage) {
        try (RunStore store = openExisting(name)) {
            RunInfo r = store.requireRun(name);
            if (!names.isEmpty()) {
                Set<String> known = store.metricSummaries(r.id()).stream().map(MetricSummary::name)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                for (String n : names) {
                    if (!known.contains(n)) {
                        throw new BadInputException("run " + name + " has no metric '" + n + "'; "
                                + (known.isEmpty() ? "it has none yet" : "its metrics are " + String.join(", ", known)));
                    }
                }
            }
            return store.metrics(r.id(), names, stage);
        }
    }

    /** What deleting {@code name} would remove; a run still training on this machine is refused. */
    public Deletion planDeletion(String name) {
        try (RunStore store = openExisting(name)) {
            RunInfo r = store.requireRun(name);
            if (r.status() == RunStatus.RUNNING && RunStore.localHost().equals(r.host())) {
                throw new BadInputException("run '" + name + "' is still training (process " + r.pid()
                        + " on this machine); stop it first, then delete it");
            }
            return new Deletion(r, store.stages(r.id()).size(),
                    store.metricSummaries(r.id()).stream().mapToLong(MetricSummary::count).sum(), store.checkpoints(r.id()));
        }
    }

    /** Deletes the run's records; returns its kept checkpoint folders, which stay on disk. */
    public List<String> delete(Deletion plan) {
        try (RunStore store = openExisting(plan.run().name())) {
            store.deleteRun(plan.run().name());
        }
        return plan.checkpoints().stream().filter(CheckpointInfo::kept).map(CheckpointInfo::folder)
                .filter(f -> Files.exists(Path.of(f))).distinct().collect(Collectors.toList());
    }

    /**
     * Asks run {@code name} to stop at its next step boundary (the training process saves a resumable
     * checkpoint, then ends the stage and the run stopped); returns the run as it was. An unknown run,
     * or one that is not running (finished, failed, stopped or interrupted), is bad input saying so.
     */
    public RunInfo stop(String name) {
        try (RunStore store = openExisting(name)) {
            return store.requestStop(name);
        }
    }

    /** Renames a run (its checkpoint folders keep their paths). */
    public void rename(String from, String to) {
        try (RunStore store = openExisting(from)) {
            store.renameRun(from, to);
        }
    }

    /** The run store, or null when the home has none yet (listing must not create one). */
    private RunStore openIfPresent() {
        return Files.exists(RunStore.fileOf(home)) ? RunStore.open(home) : null;
    }

    /** The run store; bad input naming {@code run} when there is none yet. */
    private RunStore openExisting(String run) {
        RunStore store = openIfPresent();
        if (store == null) {
            throw new BadInputException("no run named '" + run + "': there is no run database in "
                    + home.database().getParent() + " yet");
        }
        return store;
    }
}
