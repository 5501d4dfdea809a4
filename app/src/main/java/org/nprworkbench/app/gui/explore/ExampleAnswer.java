package org.nprworkbench.app.gui.explore;

import java.util.Random;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SolutionStyle;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.visualizer.explorer.ExplorerModel;
import org.nprworkbench.visualizer.totals.Verdict;

/**
 * The built-in example the Explore page opens when there is no checkpoint to solve with: a real NPR
 * answer in the tags, written by the seed corpus's solver for an arithmetic problem (the text the
 * seed-SFT model learns from), generated at run time, so it is always the corpus's current format.
 */
public final class ExampleAnswer {
    /** The family of the example problem. */
    public static final String TASK = "arithmetic";
    private static final long SEED = 3;

    private ExampleAnswer() {
    }

    /** The example, built off the JavaFX thread. */
    public static ExploredAnswer build() {
        Task task = TaskRegistry.get(TASK);
        Problem problem = task.generate(Split.TRAIN, 1, SEED, 3).get(0);
        String response = SeedCorpus.solution(problem, SolutionStyle.NPR, new Random(SEED));
        try (HfTokenizer tokenizer = HfTokenizer.embedded()) {
            ExecutionGraph g = GraphBuilder.fromText("example: seed corpus, " + TASK, problem.text(), response, tokenizer);
            Verdict verdict = new Verdict(task.verify(problem, response), problem.answer());
            return new ExploredAnswer("Example: the seed corpus's answer to an " + TASK + " problem", problem.text(),
                    ExplorerModel.build(g, tokenizer, verdict));
        }
    }
}
