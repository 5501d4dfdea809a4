package org.nprworkbench.engine.sampling;

import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.kv.ContiguousKvCache;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * Plain autoregressive sampling of one continuation with causal attention over a contiguous KV
 * cache: the prompt is prefilled once, then one token per step until a stop id or the token limit.
 */
public final class Generation {
    /** The generated tokens (stop token included when one ended the text) with per-token scores. */
    public record Output(int[] tokens, float[] logProbs, float[] entropies, boolean stopped) {
    }

    private Generation() {
    }

    public static Output generate(Qwen3Model model, int[] prompt, SamplingParams params, int maxNewTokens,
                                  int... stopIds) {
        int capacity = Math.min(model.config().maxPositions(), prompt.length + maxNewTokens);
        if (prompt.length >= capacity) {
            throw new org.nprworkbench.input.BadInputException("the prompt is " + prompt.length
                    + " tokens; the model's context is " + model.config().maxPositions());
        }
        TokenSampler sampler = new TokenSampler(params, model.config().vocabSize());
        List<TokenSampler.Pick> picks = new ArrayList<>();
        boolean stopped = false;
        NDManager nd = model.manager();
        try (InferenceMode off = InferenceMode.enter();
             ContiguousKvCache cache = new ContiguousKvCache(model, 1, capacity, null)) {
            long[] input = new long[prompt.length];
            for (int i = 0; i < prompt.length; i++) {
                input[i] = prompt[i];
            }
            int pos = 0;
            while (pos + input.length <= capacity && picks.size() < maxNewTokens) {
                float[] logits;
                try (NDScope scope = new NDScope()) {
                    NDArray tokens = nd.create(input, new Shape(1, input.length));
                    long[] p = new long[input.length];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = pos + i;
                    }
                    logits = model.forwardLast(tokens, nd.create(p, new Shape(1, p.length)), cache).toFloatArray();
                }
                pos += input.length;
                TokenSampler.Pick pick = sampler.pick(logits, 0);
                picks.add(pick);
                if (contains(stopIds, pick.token())) {
                    stopped = true;
                    break;
                }
                input = new long[] {pick.token()};
            }
        }
        int[] tokens = new int[picks.size()];
        float[] lp = new float[picks.size()];
        float[] ent = new float[picks.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = picks.get(i).token();
            lp[i] = picks.get(i).logProb();
            ent[i] = picks.get(i).entropy();
        }
        return new Output(tokens, lp, ent, stopped);
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }
}
