package org.nprworkbench.engine.score;

import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.model.CausalMask;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * Per-token log-probabilities of a text under a model (causal attention, positions 0..n-1): the
 * numbers anyone can compare against another implementation of the same checkpoint. When the
 * tokenizer has a bos token it is prepended as context, so every token of the text is scored;
 * otherwise the first token has no context and is not scored.
 */
public final class LogProbScorer {
    /** One token of the text: id, surface string, and log p(token | previous) in nats (NaN if unscored). */
    public record TokenScore(int id, String token, double logProb) {
    }

    /** The scored text: its tokens, the sum of the scored log-probs and their count. */
    public record Result(List<TokenScore> tokens, double totalLogProb, int scored) {
        /** Mean negative log-likelihood per scored token (nats). */
        public double meanNll() {
            return scored == 0 ? Double.NaN : -totalLogProb / scored;
        }
    }

    private LogProbScorer() {
    }

    public static Result score(Qwen3Model model, TextTokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text);
        int bos = tokenizer.tags().bos();
        int offset = bos >= 0 ? 1 : 0;
        int n = ids.length + offset;
        if (n > model.config().maxPositions()) {
            throw new org.nprworkbench.input.BadInputException("the text is " + ids.length
                    + " tokens, longer than the model's context of " + model.config().maxPositions());
        }
        long[] input = new long[n];
        if (bos >= 0) {
            input[0] = bos;
        }
        for (int i = 0; i < ids.length; i++) {
            input[i + offset] = ids[i];
        }
        float[] logProbs;
        try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
            NDManager nd = model.manager();
            NDArray tokens = nd.create(input, new Shape(1, n));
            NDArray logits = model.forward(tokens, CausalMask.positions(nd, 1, n, null), CausalMask.of(nd, 1, n, null));
            logProbs = logits.logSoftmax(2).toFloatArray();
        }
        int v = model.config().vocabSize();
        List<TokenScore> out = new ArrayList<>(ids.length);
        double total = 0;
        int scored = 0;
        for (int i = 0; i < ids.length; i++) {
            int pos = i + offset; // position of this token in the input
            double lp = Double.NaN;
            if (pos > 0) {
                lp = logProbs[(pos - 1) * v + ids[i]];
                total += lp;
                scored++;
            }
            out.add(new TokenScore(ids[i], tokenizer.tokenString(ids[i]), lp));
        }
        return new Result(out, total, scored);
    }
}
