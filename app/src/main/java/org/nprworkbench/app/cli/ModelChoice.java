package org.nprworkbench.app.cli;

import java.nio.file.Path;

import org.nprworkbench.engine.checkpoint.Checkpoint;

import picocli.CommandLine.Model.CommandSpec;

import ai.djl.Device;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the benchmarks: a checkpoint folder, or a fresh model of a preset size, on a device. */
final class ModelChoice {
    @Option(names = "--checkpoint", paramLabel = "DIR|NAME",
            description = "Model to run: a folder or a name from `npr checkpoints` (default: a fresh, untrained model of --size).")
    String checkpoint;

    @Option(names = "--size", defaultValue = "tiny",
            description = "Size of the fresh model when no checkpoint is given. Default: ${DEFAULT-VALUE}.")
    String size;

    @Mixin
    DeviceOption device;

    private Path folder;

    Device device() {
        return device.choice().select();
    }

    /** Resolves {@code --checkpoint} (a folder or a catalogue name) in the data home of {@code spec}. */
    Checkpoint.Loaded open(CommandSpec spec, Device d) {
        if (checkpoint == null) {
            return Checkpoint.fresh(size, d, 0);
        }
        folder = CheckpointNames.resolve(spec, checkpoint);
        return Checkpoint.load(folder, d);
    }

    String describe() {
        return checkpoint != null ? (folder != null ? folder.toString() : checkpoint) : "fresh " + size + " (untrained)";
    }
}
