package org.nprworkbench.visualizer.metrics;

import java.util.Objects;

/**
 * Where a training stage starts in a run: its name and its first step and wall time (seconds since
 * the epoch). Every chart draws a labelled marker there.
 */
public record StageBoundary(String stage, long firstStep, double firstWallTime) {
    public StageBoundary {
        Objects.requireNonNull(stage, "stage");
        if (stage.isBlank()) {
            throw new IllegalArgumentException("a stage boundary needs a stage name");
        }
    }
}
