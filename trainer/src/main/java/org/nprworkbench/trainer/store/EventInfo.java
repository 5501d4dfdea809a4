package org.nprworkbench.trainer.store;

import java.time.Instant;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * Something that happened to a run (a warning, a NaN stop, a resume, a failure).
 *
 * @param stage null for events of the run as a whole
 * @param step  null if not tied to a step
 */
public record EventInfo(long id, StageKind stage, Long step, EventKind kind, String message, Instant at) {
}
