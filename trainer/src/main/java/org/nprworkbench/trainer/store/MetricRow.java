package org.nprworkbench.trainer.store;

import java.time.Instant;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * One metric value: exactly one row exists per (run, stage, step, name).
 *
 * @param id       increases with every write, also when a row is re-written (live readers tail by it)
 * @param wallTime when the value was measured
 */
public record MetricRow(long id, StageKind stage, long step, String name, double value, Instant wallTime) {
}
