package org.nprworkbench.trainer.store;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * One metric name of a run: how many rows it has and its latest value (the highest step of the
 * latest stage that recorded it).
 */
public record MetricSummary(String name, long count, StageKind lastStage, long lastStep, double lastValue) {
}
