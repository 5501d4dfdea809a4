package org.nprworkbench.app.gui.explore;

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
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.task.Verifier;
import org.nprworkbench.visualizer.explorer.ExplorerModel;
import org.nprworkbench.visualizer.totals.Verdict;

import ai.djl.Device;

/**
 * Solves one problem on the spot with the NPR engine (or the sequential baseline), as {@code npr solve}
 * does, and returns each sample ready to explore. It uses the engine directly; it is the one place
 * the Explore page does so, to be replaced by the application's solve service once that exists.
 */
public final class AnswerSolver {

    /**
     * What to solve and how.
     *
     * @param checkpoint  the checkpoint folder
     * @param problem     the problem text
     * @param verifier    the family's verifier (with {@code reference}), or null when the problem was typed
     * @param reference   the reference answer, or null
     * @param parallel    the NPR engine (true) or the sequential one
     * @param temperature sampling temperature, 0 for greedy
     * @param topP        nucleus mass in (0, 1]
     * @param seed        the first sample's seed; sample i uses seed + i
     * @param samples     how many samples, at least 1
     * @param maxTokens   the total-token budget per sample
     */
    public record Request(Path checkpoint, String problem, Verifier verifier, String reference, boolean parallel,
                          double temperature, double topP, long seed, int samples, int maxTokens) {
        public Request {
            if (problem == null || problem.isBlank()) {
                throw new BadInputException("type a problem, or pick one from a task family");
            }
            if (checkpoint == null) {
                throw new BadInputException("pick a checkpoint to solve with (Models page, or Open checkpoint folder)");
            }
            if (!(temperature >= 0)) {
                throw new BadInputException("temperature " + temperature + ": expected 0 (greedy) or more");
            }
            if (!(topP > 0 && topP <= 1)) {
                throw new BadInputException("top-p " + topP + ": expected a value in (0, 1]");
            }
            if (samples < 1 || samples > 64) {
                throw new BadInputException("samples " + samples + ": expected 1 to 64");
            }
        }
    }

    private AnswerSolver() {
    }

    /** Loads the checkpoint and solves {@code r.samples()} times. Slow: call off the JavaFX thread. */
    public static List<ExploredAnswer> solve(Request r) {
        try (Checkpoint.Loaded c = Checkpoint.load(r.checkpoint(), Device.cpu())) {
            PromptTemplate t = c.forcedLayout().defaultTemplate(c.promptFormat());
            String promptText = c.promptFormat().render(t.render(r.problem()));
            int[] prompt = c.tokenizer().encode(promptText);
            int budget = Math.min(r.maxTokens(), c.model().config().maxPositions() - prompt.length);
            if (budget < 16) {
                throw new BadInputException("the prompt is " + prompt.length + " tokens: no room left in the model's context of "
                        + c.model().config().maxPositions());
            }
            EngineConfig cfg = (r.parallel() ? EngineConfig.parallel(budget, c.forcedLayout()) : EngineConfig.sequential(budget)).withMaxActive(1);
            String engine = r.parallel() ? "engine:parallel" : "engine:sequential";
            List<ExploredAnswer> answers = new ArrayList<>();
            for (int i = 0; i < r.samples(); i++) {
                long seed = r.seed() + i;
                SamplingParams sp = new SamplingParams(r.temperature(), r.topP(), 0, 1.0, seed);
                TrajectoryResult res = new NprEngine(c.model(), c.tokenizer(), cfg).run(List.of(new DecodeRequest(
                        "explore", 0, prompt, new SampledSource(sp, c.model().config().vocabSize())))).results().get(0);
                ExecutionGraph g = GraphBuilder.fromTokens(engine, res.tokens(), res.prompt().length, c.tokenizer(),
                        new DecodeTrace(res.decodeSteps(), res.logProbs(), res.entropies()), res.forked(), res.wallSeconds());
                Verdict verdict = null;
                if (r.verifier() != null) {
                    String text = c.tokenizer().decode(res.text(c.tokenizer().tags().eos(), budget));
                    verdict = new Verdict(r.verifier().verify(r.problem(), r.reference(), text), r.reference());
                }
                String title = "Sample " + (i + 1) + " of " + r.samples() + " \u00b7 seed " + seed + " \u00b7 "
                        + (r.parallel() ? "parallel" : "sequential") + " \u00b7 " + r.checkpoint().getFileName();
                answers.add(new ExploredAnswer(title, r.problem(), ExplorerModel.build(g, c.tokenizer(), verdict)));
            }
            return answers;
        }
    }
}
