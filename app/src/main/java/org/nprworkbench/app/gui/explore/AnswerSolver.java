package org.nprworkbench.app.gui.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.app.service.SolveService;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.task.Verifier;
import org.nprworkbench.visualizer.explorer.ExplorerModel;
import org.nprworkbench.visualizer.totals.Verdict;

/**
 * Solves one problem on the spot with the NPR engine (or the sequential baseline) through the same
 * {@link SolveService} as {@code npr solve}, and returns each sample, judged by the family's verifier
 * when there is one, ready to explore.
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

    /** Loads the checkpoint once and solves {@code r.samples()} times through the solve service. Slow: call off the JavaFX thread. */
    public static List<ExploredAnswer> solve(Request r) {
        List<ExploredAnswer> answers = new ArrayList<>();
        new SolveService().solveSamples(new SolveService.Request(r.checkpoint(), r.problem(), "auto", r.parallel(),
                r.maxTokens(), r.temperature(), r.topP(), r.seed(), DeviceChoice.auto()), r.samples(), (i, result, tokenizer) -> {
            Verdict verdict = r.verifier() == null ? null
                    : new Verdict(r.verifier().verify(r.problem(), r.reference(), result.text()), r.reference());
            String title = "Sample " + (i + 1) + " of " + r.samples() + " \u00b7 seed " + (r.seed() + i) + " \u00b7 "
                    + (r.parallel() ? "parallel" : "sequential") + " \u00b7 " + r.checkpoint().getFileName();
            answers.add(new ExploredAnswer(title, r.problem(), ExplorerModel.build(result.graph(), tokenizer, verdict)));
        });
        return answers;
    }
}
