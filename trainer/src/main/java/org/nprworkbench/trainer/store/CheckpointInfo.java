package org.nprworkbench.trainer.store;

import java.time.Instant;
import java.util.Map;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * A checkpoint as recorded with its run.
 *
 * @param folder the absolute folder it was saved to
 * @param kept   false once the trainer pruned it from disk (the row stays, for the lineage)
 */
public record CheckpointInfo(long id, StageKind stage, long step, String folder, String parent,
                             Map<String, Double> metrics, boolean kept, Instant saved) {
    public CheckpointInfo {
        metrics = Map.copyOf(metrics);
    }
}
