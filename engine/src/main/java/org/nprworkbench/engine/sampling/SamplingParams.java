package org.nprworkbench.engine.sampling;

/**
 * How the next token is chosen from the logits.
 *
 * @param temperature       0 means greedy (argmax); otherwise logits are divided by it
 * @param topP              nucleus sampling: keep the smallest set of tokens whose probability sums to
 *                          at least this (1 = off)
 * @param topK              keep only the k most likely tokens (0 or less = off)
 * @param repetitionPenalty SGLang's rule: every id already emitted by this sequence has its positive
 *                          logit divided by, and its negative logit multiplied by, this factor, once per
 *                          id (1 = off)
 * @param seed              seed of the sampling random source; the same seed repeats a run exactly
 */
public record SamplingParams(double temperature, double topP, int topK, double repetitionPenalty, long seed) {

    public SamplingParams {
        if (temperature < 0 || topP <= 0 || topP > 1 || repetitionPenalty <= 0) {
            throw new IllegalArgumentException("temperature >= 0, 0 < top-p <= 1, repetition penalty > 0 required");
        }
    }

    /** Greedy decoding. */
    public static SamplingParams greedy() {
        return new SamplingParams(0, 1, 0, 1, 0);
    }

    /** The paper's evaluation sampling: temperature 1.0, top-p 0.7, no top-k (npr-method.md §7.1). */
    public static SamplingParams paperEval(long seed) {
        return new SamplingParams(1.0, 0.7, 0, 1, seed);
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(temperature, topP, topK, repetitionPenalty, s);
    }

    public SamplingParams withRepetitionPenalty(double p) {
        return new SamplingParams(temperature, topP, topK, p, seed);
    }
}
