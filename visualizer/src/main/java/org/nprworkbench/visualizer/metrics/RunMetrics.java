package org.nprworkbench.visualizer.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the charts know about one run: its metric series by name and its stage boundaries.
 * Boundaries are either set by the source ({@link #setStages}) or, until it does, derived from the
 * rows: the first row seen of each stage marks where that stage starts. Not thread-safe.
 */
public final class RunMetrics {
    private final String name;
    private final Map<String, MetricColumns> series = new LinkedHashMap<>();
    private final List<StageBoundary> derived = new ArrayList<>();
    private List<StageBoundary> explicit;
    private double firstWallTime = Double.NaN;
    private String lastStage;

    public RunMetrics(String name) {
        this.name = name;
    }

    /** The run's name. */
    public String name() {
        return name;
    }

    /**
     * Appends a row of this run.
     *
     * @return the series it went to
     * @throws IllegalArgumentException if the row belongs to another run, or its step goes back
     */
    public MetricColumns append(MetricRow row) {
        if (!row.run().equals(name)) {
            throw new IllegalArgumentException("row of run " + row.run() + " given to run " + name);
        }
        MetricColumns columns = series.computeIfAbsent(row.metric(), m -> new MetricColumns(name, m));
        columns.append(row.stage(), row.step(), row.wallTime(), row.value());
        if (!row.stage().equals(lastStage)) {
            lastStage = row.stage();
            if (derived.stream().noneMatch(b -> b.stage().equals(row.stage()))) {
                derived.add(new StageBoundary(row.stage(), row.step(), row.wallTime()));
            }
        }
        if (Double.isFinite(row.wallTime()) && !(row.wallTime() >= firstWallTime)) {
            firstWallTime = row.wallTime();
        }
        return columns;
    }

    /** Sets the stage boundaries as the source knows them; they replace the derived ones. */
    public void setStages(List<StageBoundary> stages) {
        explicit = List.copyOf(stages);
        for (StageBoundary b : explicit) {
            if (Double.isFinite(b.firstWallTime()) && !(b.firstWallTime() >= firstWallTime)) {
                firstWallTime = b.firstWallTime();
            }
        }
    }

    /** The stage boundaries in order: the source's if it set them, else those derived from the rows. */
    public List<StageBoundary> stages() {
        return explicit != null ? explicit : Collections.unmodifiableList(derived);
    }

    /** The series of a metric, or null if none was logged. */
    public MetricColumns series(String metric) {
        return series.get(metric);
    }

    /** Every series of the run, in the order their first rows arrived. */
    public Collection<MetricColumns> allSeries() {
        return Collections.unmodifiableCollection(series.values());
    }

    /**
     * The run's start on the wall clock (seconds since the epoch): the earliest wall time of any row or
     * stage boundary; NaN before the first. Wall-time axes show time elapsed since this.
     */
    public double startWallTime() {
        return firstWallTime;
    }
}
