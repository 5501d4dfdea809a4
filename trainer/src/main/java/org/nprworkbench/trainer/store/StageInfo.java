package org.nprworkbench.trainer.store;

import java.time.Instant;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * One stage of a run as stored.
 *
 * @param totalSteps       the steps the stage plans; null until it starts
 * @param started          null while pending
 * @param ended            null until it ends
 * @param parentCheckpoint the checkpoint (folder or catalogue name) the stage starts from; null for a fresh model
 * @param message          why it failed or stopped; null otherwise
 */
public record StageInfo(long id, StageKind kind, RunStatus status, Long totalSteps, Instant started, Instant ended,
                        String parentCheckpoint, String message) {
}
