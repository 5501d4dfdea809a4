package org.nprworkbench.trainer.rollout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SolutionStyle;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.sft.SftLoop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * A micro model that has memorised NPR solutions of two arithmetic problems, each with two endings
 * (the right boxed answer and a wrong one), by SFT under both the parallel and the causal layout:
 * sampling it on either engine gives well-formed answers that are right about half of the time, so RL
 * steps see reward spread. Trained once per
 * JVM (a few seconds) and handed out as fresh copies.
 */
public final class MemorisedModel {
    private static List<float[]> weights;
    private static List<Problem> problems;
    private static int longest;

    private MemorisedModel() {
    }

    /** The two problems it has memorised. */
    public static synchronized List<Problem> problems() {
        trained();
        return problems;
    }

    /** The longest memorised response in tokens. */
    public static synchronized int longestResponse() {
        trained();
        return longest;
    }

    /** A fresh copy of the trained model (the caller closes it). */
    public static synchronized Checkpoint.Loaded load() {
        trained();
        Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 7);
        try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
            List<NDArray> ps = ck.model().parameters();
            for (int i = 0; i < ps.size(); i++) {
                NDArray p = ps.get(i);
                p.muli(0).addi(p.getManager().create(weights.get(i), p.getShape()));
            }
        }
        return ck;
    }

    private static void trained() {
        try {
            train();
        } catch (MalformedStructureException e) {
            throw new AssertionError("a seed-corpus solution does not lay out", e);
        }
    }

    private static void train() throws MalformedStructureException {
        if (weights != null) {
            return;
        }
        problems = TaskRegistry.get("arithmetic").generate(Split.TRAIN, 2, 1, 1);
        try (Checkpoint.Loaded ck = Checkpoint.fresh("micro", Device.cpu(), 7)) {
            List<TrainingSequence> examples = new ArrayList<>();
            SplittableRandom rnd = new SplittableRandom(3);
            TagIds tags = ck.tokenizer().tags();
            for (Problem p : problems) {
                String right = SeedCorpus.solution(p, SolutionStyle.NPR, rnd);
                String wrong = right.replace("\\boxed{" + p.answer() + "}", "\\boxed{" + p.answer() + "1}");
                int[] prompt = ck.tokenizer().encode(ck.promptFormat().render(p.text()));
                for (String response : List.of(right, wrong)) {
                    int[] r = ck.tokenizer().encode(response);
                    int[] all = Arrays.copyOf(prompt, prompt.length + r.length + 1);
                    System.arraycopy(r, 0, all, prompt.length, r.length);
                    all[all.length - 1] = tags.eos();
                    // both layouts, so that the parallel and the sequential engine both sample it well
                    examples.add(TrainingSequence.parallel(all, prompt.length, tags));
                    examples.add(TrainingSequence.causal(all, prompt.length));
                    longest = Math.max(longest, r.length + 1);
                }
            }
            SftLoop.train(ck.model(), examples, new SftLoop.Plan(120, 8, 1e-2, 0.1, 0.0, false, 1), null);
            List<float[]> w = new ArrayList<>();
            try (InferenceMode off = InferenceMode.enter()) {
                for (NDArray p : ck.model().parameters()) {
                    w.add(p.toFloatArray());
                }
            }
            weights = w;
        }
    }
}
