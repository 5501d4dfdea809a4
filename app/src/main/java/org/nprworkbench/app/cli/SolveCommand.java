package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.DecodeRequest;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.decode.EngineRun;
import org.nprworkbench.engine.decode.NprEngine;
import org.nprworkbench.engine.decode.SampledSource;
import org.nprworkbench.engine.decode.TrajectoryResult;
import org.nprworkbench.engine.graph.DecodeTrace;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.prompt.PromptTemplate;

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

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "Checkpoint folder.")
    Path checkpoint;

    @Option(names = "--engine", defaultValue = "parallel", description = "parallel or sequential. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--template", defaultValue = "auto",
            description = "Prompt template: auto (the checkpoint's default: npr-official, the released NPR prompt, for chat models; bare for the embedded format), npr-official, npr, cot, bare, or a file with {problem}. Default: ${DEFAULT-VALUE}.")
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
        try (Checkpoint.Loaded c = Checkpoint.load(checkpoint, device.select())) {
            PromptTemplate t = template.equals("auto")
                    ? c.forcedLayout().defaultTemplate(c.promptFormat())
                    : PromptTemplate.named(template);
            int[] prompt = c.tokenizer().encode(c.promptFormat().render(t.render(problem)));
            int budget = Math.min(maxTokens, c.model().config().maxPositions() - prompt.length);
            if (budget < 16) {
                throw new BadInputException("the prompt is " + prompt.length + " tokens: no room left in the model's context of "
                        + c.model().config().maxPositions());
            }
            EngineConfig cfg = parallel ? EngineConfig.parallel(budget, c.forcedLayout()) : EngineConfig.sequential(budget);
            SamplingParams sp = new SamplingParams(temperature, topP, 0, 1.0, seed);
            EngineRun run = new NprEngine(c.model(), c.tokenizer(), cfg.withMaxActive(1)).run(List.of(
                    new DecodeRequest("solve", 0, prompt, new SampledSource(sp, c.model().config().vocabSize()))));
            TrajectoryResult r = run.results().get(0);
            ExecutionGraph g = GraphBuilder.fromTokens(parallel ? "engine:parallel" : "engine:sequential", r.tokens(),
                    r.prompt().length, c.tokenizer(), new DecodeTrace(r.decodeSteps(), r.logProbs(), r.entropies()),
                    r.forked(), r.wallSeconds());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(GraphJson.write(g));
                return;
            }
            out.println(c.tokenizer().decode(r.text(c.tokenizer().tags().eos(), budget)));
            out.println();
            out.printf("answer %s | %s | T %d, C %d, T/C %.2f | blocks %s | format score %.1f | %.2f s%n",
                    g.answer() == null ? "(none)" : g.answer(),
                    r.status() == TrajectoryResult.Status.COMPLETE ? "complete" : "malformed: " + r.reason(),
                    r.totalTokens(), r.criticalPath(), g.parallelism(), java.util.Arrays.toString(g.branchesPerBlock()),
                    g.formatScore(), r.wallSeconds());
        }
    }
}
