package org.nprworkbench.trainer.store;

import java.time.Instant;

/** A stored sample with its key and recording time. */
public record RolloutRow(long id, RolloutRecord rollout, Instant recorded) {
}
