package org.nprworkbench.trainer.store;

import java.nio.file.Path;
import java.util.Map;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * A checkpoint a stage saved, to be recorded with its run.
 *
 * @param folder  the Hugging Face folder it was saved to
 * @param parent  the checkpoint it was trained from (folder or catalogue name); null for a fresh model
 * @param metrics key metrics at save time
 */
public record CheckpointRecord(StageKind stage, long step, Path folder, String parent, Map<String, Double> metrics) {
    public CheckpointRecord {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
