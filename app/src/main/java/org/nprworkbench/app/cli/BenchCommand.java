package org.nprworkbench.app.cli;

import picocli.CommandLine.Command;

/** {@code npr bench ...}: the project's benchmark commands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: model numerics speed, engine speedup.",
        subcommands = {})
final class BenchCommand {
}
