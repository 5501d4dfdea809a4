package org.nprworkbench.app.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.graph.DecodeTrace;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.sampling.SamplingParams;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.input.JsonRecordReader;
import org.nprworkbench.input.RecordBatch;
import org.nprworkbench.input.SkippedLine;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.task.MathVerifier;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.problems.task.Verifier;
import org.nprworkbench.trainer.eval.EvalResult;
import org.nprworkbench.trainer.eval.Evaluator;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutGenerator;

/**
 * Evaluation: checkpoints run on problems ({@code npr eval}, the window's Compare page), and a file of
 * model responses verified against a task's verifier ({@code npr problems check}: JSON Lines or a JSON
 * array of {@code {"problem", "answer", "response"}}, graded line by line).
 */
public final class EvaluateService {
    /**
     * What to evaluate: the same problems and seeds on every checkpoint.
     *
     * @param checkpoints  checkpoint folders, the first is the reference of the TPS ratio
     * @param problems     the problems, each answered {@code k} times
     * @param engine       parallel, sequential, or null for the checkpoint's stage's engine ({@link Evaluator#engineFor})
     * @param template     auto (the checkpoint's default), or a template name or file
     * @param chunk        problems per engine run: all of them for one batched run (the speed figures of
     *                     {@code npr eval}); fewer gives progress and a cancel point after each run
     */
    public record EvalRequest(List<Path> checkpoints, List<Problem> problems, int k, String engine, int maxNewTokens,
                              double topP, String template, long seed, int chunk, DeviceChoice device) {
        public EvalRequest {
            checkpoints = List.copyOf(checkpoints);
            problems = List.copyOf(problems);
            if (checkpoints.isEmpty()) {
                throw new BadInputException("pick at least one checkpoint to evaluate");
            }
            if (problems.isEmpty()) {
                throw new BadInputException("no problems to evaluate on");
            }
            if (k < 1 || maxNewTokens < 1 || chunk < 1) {
                throw new BadInputException("k, the token budget and the chunk must be 1 or more");
            }
            if (engine != null && !engine.equals("parallel") && !engine.equals("sequential")) {
                throw new BadInputException("engine " + engine + ": use parallel or sequential");
            }
        }
    }

    /**
     * One checkpoint's evaluation, handed to {@link Listener#evaluated} while the checkpoint is still
     * loaded (its generator's tokenizer turns the samples into graphs or text).
     *
     * @param stage     the checkpoint's provenance stage
     * @param step      the checkpoint's provenance step
     * @param generator what produced the samples (prompt template and tokenizer)
     */
    public record Evaluated(int index, Path checkpoint, String stage, long step, EvalResult result,
                            RolloutGenerator generator) {
        /** Sample {@code r}'s execution graph, rebuilt from its tokens (no per-token decode trace). */
        public ExecutionGraph graph(Rollout r) {
            return GraphBuilder.fromTokens(checkpoint.getFileName() + " " + r.problem().id() + " sample " + r.sample(),
                    r.tokens(), r.responseStart(), generator.tokenizer(), DecodeTrace.NONE, r.forked(), r.latencySeconds());
        }
    }

    /** Progress, cancellation and each checkpoint's result; every method is called on the evaluating thread. */
    public interface Listener {
        /** {@code done} of {@code total} engine runs have finished; {@code what} says what runs next. */
        default void progress(int done, int total, String what) {
        }

        /** Checked before each engine run: true stops the evaluation with a {@link CancellationException}. */
        default boolean cancelled() {
            return false;
        }

        /** One checkpoint is done (called while it is loaded). */
        default void evaluated(Evaluated e) {
        }
    }

    /**
     * Runs every problem {@code k} times on each checkpoint in turn (sample i with seed + i, the
     * same on every checkpoint), each on its own engine, and returns each checkpoint's figures in
     * order. Slow: call off the JavaFX thread.
     *
     * @throws CancellationException when {@code listener} cancels
     */
    public List<EvalResult> evaluate(EvalRequest q, Listener listener) {
        BooleanSupplier cancelled = listener::cancelled;
        int chunks = (q.problems().size() + q.chunk() - 1) / q.chunk();
        int total = chunks * q.checkpoints().size();
        List<EvalResult> results = new ArrayList<>();
        var device = q.device().select();
        for (int i = 0; i < q.checkpoints().size(); i++) {
            Path ck = q.checkpoints().get(i);
            listener.progress(i * chunks, total, "Loading " + ck.getFileName());
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("evaluation cancelled");
            }
            try (Checkpoint.Loaded c = Checkpoint.load(ck, device)) {
                String stage = c.provenance().stage();
                PromptTemplate t = q.template() == null || q.template().equals("auto")
                        ? c.forcedLayout().defaultTemplate(c.promptFormat())
                        : PromptTemplate.named(q.template());
                RolloutGenerator gen = RolloutGenerator.of(c, t);
                Evaluator.Settings settings = new Evaluator.Settings(q.k(),
                        Evaluator.engineFor(q.engine() == null ? stage : q.engine(), q.maxNewTokens(), c.forcedLayout()),
                        new SamplingParams(1.0, q.topP(), 0, 1.0, q.seed()));
                List<Rollout> rollouts = new ArrayList<>();
                double wall = 0;
                long tokens = 0;
                for (int from = 0, run = 0; from < q.problems().size(); from += q.chunk(), run++) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("evaluation cancelled");
                    }
                    listener.progress(i * chunks + run, total, ck.getFileName() + ": problems " + (from + 1) + "-"
                            + Math.min(q.problems().size(), from + q.chunk()) + " of " + q.problems().size());
                    List<Problem> part = q.problems().subList(from, Math.min(q.problems().size(), from + q.chunk()));
                    // what Evaluator.evaluate runs, one chunk at a time; the chunks are summed up below
                    RolloutBatch b = gen.generate(part, q.k(), settings.engine(), settings.sampling(), RewardFunction.papo());
                    for (Rollout x : b.rollouts()) {
                        rollouts.add(regroup(x, x.group() + from));
                    }
                    wall += b.wallSeconds();
                    tokens += b.generatedTokens();
                }
                EvalResult result = Evaluator.summarise(new RolloutBatch(rollouts, q.problems().size(), wall, tokens),
                        q.k(), settings.engine().parallel() ? "parallel" : "sequential");
                results.add(result);
                listener.evaluated(new Evaluated(i, ck, stage, c.provenance().step(), result, gen));
            }
        }
        listener.progress(total, total, "Done");
        return results;
    }

    /** {@code r} as answer to group {@code group} of the whole problem list. */
    private static Rollout regroup(Rollout r, int group) {
        return group == r.group() ? r : new Rollout(r.problem(), group, r.sample(), r.prompt(), r.response(), r.complete(),
                r.truncated(), r.engineReason(), r.structurallyValid(), r.totalTokens(), r.criticalPath(),
                r.branchesPerBlock(), r.forked(), r.layoutBranches(), r.text(), r.correct(), r.formatScore(), r.score(),
                r.reward(), r.latencySeconds());
    }

    /** One checked line of the file. */
    public record Line(long line, boolean correct) {
    }

    /**
     * The file's grades.
     *
     * @param task    the verifier's name
     * @param skipped the bad lines left out (only with skip-bad-lines)
     */
    public record Report(Path file, String task, List<Line> lines, List<SkippedLine> skipped) {
        /** Lines graded correct. */
        public long correct() {
            return lines.stream().filter(Line::correct).count();
        }

        /** correct / lines. */
        public double accuracy() {
            return (double) correct() / lines.size();
        }
    }

    /**
     * Grades every line of {@code file} with the verifier of {@code task}. A bad line is bad input
     * naming it (or, with {@code skipBadLines}, left out and listed in the report).
     */
    public Report check(String task, Path file, boolean skipBadLines) {
        Verifier verifier = TaskRegistry.verifier(task);
        RecordBatch<Line> batch;
        try {
            batch = JsonRecordReader.read(file, skipBadLines, r -> {
                String problem = r.requireText("problem");
                String answer = r.requireText("answer");
                String response = r.requireText("response");
                if (verifier instanceof MathVerifier && answer.isBlank()) {
                    throw r.problem("field \"answer\" is empty");
                }
                try {
                    return new Line(r.number(), verifier.verify(problem, answer, response));
                } catch (BadInputException e) {
                    throw r.problem(e.getMessage());
                }
            });
        } catch (BadInputException e) {
            // a JSON array that does not parse cannot be skipped line by line
            throw skipBadLines || e instanceof JsonInput.Malformed
                    || !e.getMessage().matches("(?s).*: (line|record) \\d+(, column \\d+)?: .*") ? e
                    : new BadInputException(e.getMessage() + " (use --skip-bad-lines to leave bad lines out)");
        }
        return new Report(file, verifier.name(), List.copyOf(batch.items()), List.copyOf(batch.skipped()));
    }
}
