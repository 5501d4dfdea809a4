package org.nprworkbench.app.cli;

import java.nio.file.Path;

import org.nprworkbench.app.service.CheckpointCatalogue;

import picocli.CommandLine.Model.CommandSpec;

/** Turns a {@code --checkpoint} value (a folder or a catalogue name) into a folder, in the chosen data home. */
final class CheckpointNames {
    private CheckpointNames() {
    }

    /** The data home's catalogue, for the command {@code spec} belongs to. */
    static CheckpointCatalogue catalogue(CommandSpec spec) {
        return new CheckpointCatalogue(((NprCommand) spec.root().userObject()).dataHome());
    }

    /** The folder {@code value} means; an unknown name is bad input listing close names. */
    static Path resolve(CommandSpec spec, String value) {
        return catalogue(spec).resolve(value);
    }
}
