package org.nprworkbench.trainer.store;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * A run with what a run list shows beside it.
 *
 * @param lastStage the latest stage that recorded a metric; null if none did
 * @param lastStep  the highest step recorded in that stage; null if none
 * @param best      the run's best value of its headline metric: the highest validation accuracy
 *                  ({@code val/.../mean@K}) if it has one, else the highest {@code critic/score/mean},
 *                  else the lowest {@code train/loss}; null if it has none of them
 */
public record RunSummary(RunInfo run, StageKind lastStage, Long lastStep, MetricRow best) {
}
