package org.nprworkbench.app.gui.checkpoint;

import java.nio.file.Path;

/**
 * What the Models view shows about one checkpoint folder, read from its {@code config.json} and
 * {@code npr.json} without loading any weights. The numeric fields are null when the config lacks
 * them; {@code problem} is null for a readable checkpoint and otherwise says what is wrong, naming
 * the file.
 *
 * @param name        the folder's path relative to the checkpoints folder, or its name if opened
 * @param stage       the NPR training stage from {@code npr.json}, null when there is none
 * @param weightBytes the total size of the weight files ({@code *.safetensors}, {@code *.bin})
 */
public record CheckpointSummary(String name, Path folder, String modelType, Integer hiddenSize,
                                Integer layers, Integer vocabSize, String stage, long weightBytes,
                                String problem) {

    /** True when both JSON files could be read. */
    public boolean readable() {
        return problem == null;
    }
}
