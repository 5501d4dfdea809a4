package org.nprworkbench.visualizer.metrics;

import java.util.Objects;

/**
 * One logged value as a source delivers it: which run, metric and stage, at which step and wall time
 * (seconds since the epoch). A run store's poller hands batches of these to the dashboard.
 */
public record MetricRow(String run, String metric, String stage, long step, double wallTime, double value) {
    public MetricRow {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(stage, "stage");
    }
}
