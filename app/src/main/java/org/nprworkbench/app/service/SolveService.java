package org.nprworkbench.app.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.DecodeRequest;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.decode.NprEngine;
import org.nprworkbench.engine.decode.SampledSource;
import org.nprworkbench.engine.decode.TrajectoryResult;
import org.nprworkbench.engine.graph.DecodeTrace;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.tokenizer.TextTokenizer;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.prompt.PromptTemplate;

/**
 * Answers one problem with a checkpoint: picks the prompt template, fits the token budget to the
 * model's context, configures the parallel NPR engine or the sequential baseline, runs it and builds
 * the execution graph. {@code npr solve} and the window call this.
 */
public final class SolveService {
    /** The smallest budget worth running. */
    static final int MIN_BUDGET = 16;

    /**
     * One problem to solve.
     *
     * @param template    auto (bare for the embedded format, npr for chat models), npr, cot, bare, or a file with {problem}
     * @param parallel    the NPR engine (true) or the sequential engine
     * @param maxTokens   the total-token budget, cut to the context
     */
    public record Request(Path checkpoint, String problem, String template, boolean parallel, int maxTokens,
                          double temperature, double topP, long seed, DeviceChoice device) {
    }

    /**
     * What a solve gave.
     *
     * @param text          the response, decoded (up to the end-of-sequence token)
     * @param answer        the graph's final answer, or null when there is none
     * @param malformed     null when the trajectory completed; otherwise why it stopped
     * @param graph         the execution graph (write it with {@code GraphJson})
     * @param totalTokens   T, every generated token
     * @param criticalPath  C, the longest chain of dependent tokens
     */
    public record Result(String text, String answer, String malformed, ExecutionGraph graph, int totalTokens,
                         int criticalPath, double wallSeconds) {
        /** T/C. */
        public double parallelism() {
            return graph.parallelism();
        }
    }

    /** Runs the request; bad options, a bad checkpoint or a prompt too long for the model are bad input. */
    public Result solve(Request q) {
        return solveSamples(q, 1, null).get(0);
    }

    /**
     * One solved sample with the tokenizer that wrote it (the window's token views read its strings).
     */
    public interface SampleSink {
        void accept(int index, Result result, TextTokenizer tokenizer);
    }

    /**
     * Runs the request {@code samples} times with seeds {@code seed}, {@code seed + 1}, ..., loading the
     * checkpoint once; each result also goes to {@code each} (may be null) while the checkpoint is open.
     */
    public List<Result> solveSamples(Request q, int samples, SampleSink each) {
        if (q.maxTokens() < MIN_BUDGET) {
            throw new BadInputException("--max-tokens " + q.maxTokens() + ": must be " + MIN_BUDGET + " or more");
        }
        if (samples < 1) {
            throw new BadInputException("samples " + samples + ": must be 1 or more");
        }
        try (Checkpoint.Loaded c = Checkpoint.load(q.checkpoint(), q.device().select())) {
            PromptTemplate t = q.template().equals("auto")
                    ? c.forcedLayout().defaultTemplate(c.promptFormat())
                    : PromptTemplate.named(q.template());
            int[] prompt = c.tokenizer().encode(c.promptFormat().render(t.render(q.problem())));
            int budget = TokenBudget.fit(q.maxTokens(), c.model().config().maxPositions(), prompt.length, MIN_BUDGET);
            EngineConfig cfg = q.parallel() ? EngineConfig.parallel(budget, c.forcedLayout()) : EngineConfig.sequential(budget);
            List<Result> results = new ArrayList<>(samples);
            for (int i = 0; i < samples; i++) {
                SamplingParams sp = new SamplingParams(q.temperature(), q.topP(), 0, 1.0, q.seed() + i);
                TrajectoryResult r = new NprEngine(c.model(), c.tokenizer(), cfg.withMaxActive(1)).run(List.of(
                        new DecodeRequest("solve", 0, prompt, new SampledSource(sp, c.model().config().vocabSize()))))
                        .results().get(0);
                ExecutionGraph g = GraphBuilder.fromTokens(q.parallel() ? "engine:parallel" : "engine:sequential",
                        r.tokens(), r.prompt().length, c.tokenizer(),
                        new DecodeTrace(r.decodeSteps(), r.logProbs(), r.entropies()), r.forked(), r.wallSeconds());
                String text = c.tokenizer().decode(r.text(c.tokenizer().tags().eos(), budget));
                Result result = new Result(text, g.answer(), r.status() == TrajectoryResult.Status.COMPLETE ? null : r.reason(),
                        g, r.totalTokens(), r.criticalPath(), r.wallSeconds());
                if (each != null) {
                    each.accept(i, result, c.tokenizer());
                }
                results.add(result);
            }
            return results;
        }
    }
}
