package org.nprworkbench.app.gui.checkpoint;

import java.nio.file.Path;

/**
 * What the Models view shows about one checkpoint folder, read from its {@code config.json} and
 * {@code npr.json} without loading any weights. The numeric fields are null when the config lacks
 * them; {@code problem} is null for a checkpoint that would load and otherwise says what failed when
 * reading it (a config field, the tokenizer, a truncated weight file), naming the file.
 *
 * @param name        the folder's path relative to the checkpoints folder, or its name if opened
 * @param stage       the NPR training stage from {@code npr.json}, null when there is none
 * @param weightBytes the total size of the weight files ({@code *.safetensors}, {@code *.bin})
 */
public record CheckpointSummary(String name, Path folder, String modelType, Integer hiddenSize,
                                Integer layers, Integer vocabSize, String stage, long weightBytes,
                                String problem) {

    /** True when the folder would not load: {@link #problem()} says why. */
    public boolean broken() {
        return problem != null;
    }
}
