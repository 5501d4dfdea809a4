package org.nprworkbench.app.cli;

import java.nio.file.Path;

import org.nprworkbench.engine.checkpoint.Checkpoint;

import ai.djl.Device;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the benchmarks: a checkpoint folder, or a fresh model of a preset size, on a device. */
final class ModelChoice {
    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Model to run (default: a fresh, untrained model of --size).")
    Path checkpoint;

    @Option(names = "--size", defaultValue = "tiny",
            description = "Size of the fresh model when no checkpoint is given. Default: ${DEFAULT-VALUE}.")
    String size;

    @Mixin
    DeviceOption device;

    Device device() {
        return device.select();
    }

    Checkpoint.Loaded open(Device d) {
        return checkpoint != null ? Checkpoint.load(checkpoint, d) : Checkpoint.fresh(size, d, 0);
    }

    String describe() {
        return checkpoint != null ? checkpoint.toString() : "fresh " + size + " (untrained)";
    }
}
