package org.nprworkbench.app.cli;

import picocli.CommandLine.Command;

/** {@code npr model ...}: create, inspect and score checkpoints. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Create, inspect and score model checkpoints.",
        subcommands = {})
final class ModelCommand {
}
