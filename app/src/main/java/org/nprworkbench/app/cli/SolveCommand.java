package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;

import org.nprworkbench.app.service.SolveService;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.input.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npr solve}: answer one problem with the NPR engine (or the sequential baseline). */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Answer a problem with the parallel NPR engine or the sequential engine; --json prints the execution graph.")
final class SolveCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROBLEM", description = "The problem text.")
    String problem;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR|NAME",
            description = "Checkpoint folder, or a name from `npr checkpoints` (RUN/STAGE, RUN/STAGE@STEP, a registered name).")
    String checkpoint;

    @Option(names = "--engine", defaultValue = "parallel", description = "parallel or sequential. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--template", defaultValue = "auto",
            description = "Prompt template: auto (bare for the embedded format, npr for chat models), npr, cot, bare, or a file with {problem}. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Total-token budget. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "0 = greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.7", description = "Default: ${DEFAULT-VALUE} (the paper's evaluation setting).")
    double topP;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    DeviceOption device;

    @Option(names = "--json", description = "Print the execution graph as JSON.")
    boolean json;

    @Override
    public void run() {
        boolean parallel = switch (engine) {
            case "parallel" -> true;
            case "sequential" -> false;
            default -> throw new BadInputException("--engine " + engine + ": expected parallel or sequential");
        };
        OptionRange.atLeast("--max-tokens", maxTokens, 16);
        OptionRange.atLeast("--temperature", temperature, 0);
        OptionRange.aboveUpTo("--top-p", topP, 0, 1);
        SolveService.Result r = new SolveService().solve(new SolveService.Request(
                CheckpointNames.resolve(spec, checkpoint), problem, template, parallel, maxTokens, temperature, topP,
                seed, device.choice()));
        ExecutionGraph g = r.graph();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(GraphJson.write(g));
            return;
        }
        out.println(r.text());
        out.println();
        out.printf("answer %s | %s | T %d, C %d, T/C %.2f | blocks %s | format score %.1f | %.2f s%n",
                r.answer() == null ? "(none)" : r.answer(), r.malformed() == null ? "complete" : "malformed: " + r.malformed(),
                r.totalTokens(), r.criticalPath(), g.parallelism(), Arrays.toString(g.branchesPerBlock()),
                g.formatScore(), r.wallSeconds());
    }
}
