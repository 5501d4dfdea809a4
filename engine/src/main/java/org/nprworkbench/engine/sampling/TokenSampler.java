package org.nprworkbench.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses the next token from one row of logits ({@link #choose}); {@link #score} reports the model's
 * own log-probability and entropy for any token (from the unmodified distribution, before penalty,
 * temperature and truncation). One sampler per sequence: it owns that sequence's random source and
 * its set of emitted ids, the tokens it chose itself, which the repetition penalty applies to.
 */
public final class TokenSampler {
    /** A token with the model's log-probability of it and the entropy of the distribution (nats). */
    public record Pick(int token, float logProb, float entropy) {
    }

    private final SamplingParams params;
    private final SplittableRandom random;
    private final boolean[] emitted;
    private final int vocab;
    private final boolean penaltyActive;

    /** A sampler for one sequence over a vocabulary of {@code vocab} ids. */
    public TokenSampler(SamplingParams params, int vocab) {
        this(params, vocab, new SplittableRandom(params.seed()));
    }

    private TokenSampler(SamplingParams params, int vocab, SplittableRandom random) {
        this.params = params;
        this.vocab = vocab;
        this.random = random;
        this.emitted = new boolean[vocab];
        this.penaltyActive = params.repetitionPenalty() != 1.0;
    }

    /**
     * A sampler for a branch: an independent random stream split from this one (so a run stays
     * reproducible however branches interleave), with an empty emitted set.
     */
    public TokenSampler fork(SamplingParams branchParams) {
        return new TokenSampler(branchParams, vocab, random.split());
    }

    /**
     * The model's own log-probability of {@code token} and the entropy (nats) of the distribution
     * {@code logits[offset .. offset + vocab)}: plain softmax, no penalty, temperature or truncation.
     */
    public static Pick score(float[] logits, int offset, int vocab, int token) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double z = 0;
        for (int i = 0; i < vocab; i++) {
            z += Math.exp(logits[offset + i] - max);
        }
        double logZ = max + Math.log(z);
        double entropy = 0;
        for (int i = 0; i < vocab; i++) {
            double lp = logits[offset + i] - logZ;
            entropy -= Math.exp(lp) * lp;
        }
        return new Pick(token, (float) (logits[offset + token] - logZ), (float) entropy);
    }

    /** Chooses a token (penalty, temperature, top-k, top-p as configured) and records it as emitted. */
    public int choose(float[] logits, int offset) {
        int token = draw(logits, offset);
        emitted[token] = true;
        return token;
    }

    private int draw(float[] logits, int offset) {
        float[] l = Arrays.copyOfRange(logits, offset, offset + vocab);
        if (penaltyActive) {
            float p = (float) params.repetitionPenalty();
            for (int i = 0; i < vocab; i++) {
                if (emitted[i]) {
                    l[i] = l[i] > 0 ? l[i] / p : l[i] * p;
                }
            }
        }
        if (params.temperature() == 0) {
            return argmax(l);
        }
        return nucleus(l, params.temperature(), params.topK(), params.topP(), random.nextDouble());
    }

    /** Weights below exp(-MIN_LOG_WEIGHT) of the best token's are treated as 0 (they add < 1e-20 each). */
    private static final double MIN_LOG_WEIGHT = 46;

    /**
     * Samples from softmax(l / t) restricted to the top-k tokens (k <= 0: all), then to the smallest
     * prefix of them, in descending logit order (ties by token id), whose probability reaches topP;
     * {@code u} in [0, 1) is the uniform draw, taken in that order (in token-id order when nothing is
     * truncated). Only the candidates are sorted, never the whole vocabulary: tokens whose weight is
     * at least a threshold are exactly the top ones, so the threshold starts high and drops until the
     * candidates hold the top-k set or the nucleus.
     */
    static int nucleus(float[] l, double t, int topK, double topP, double u) {
        int vocab = l.length;
        float max = l[argmax(l)];
        double[] w = new double[vocab];
        double total = 0;
        for (int i = 0; i < vocab; i++) {
            double z = (l[i] - max) / t;
            w[i] = z < -MIN_LOG_WEIGHT ? 0 : Math.exp(z);
            total += w[i];
        }
        if (topK <= 0 && topP >= 1) { // nothing truncated: no order needed
            double r = u * total;
            for (int i = 0; i < vocab; i++) {
                r -= w[i];
                if (r < 0) {
                    return i;
                }
            }
            return argmax(l);
        }
        int k = topK > 0 ? Math.min(topK, vocab) : vocab;
        for (double threshold = 1e-3; ; threshold = threshold > 1e-30 ? threshold * 1e-4 : 0) {
            int n = 0;
            for (int i = 0; i < vocab; i++) {
                if (w[i] >= threshold) {
                    n++;
                }
            }
            boolean all = threshold == 0 || n == vocab;
            if (n < k && !all) {
                continue; // the top-k set is not complete yet
            }
            int[] order = descending(l, w, threshold, n);
            int keep = Math.min(k, n);
            double keptSum = 0;
            for (int i = 0; i < keep; i++) {
                keptSum += w[order[i]];
            }
            if (topK <= 0) {
                keptSum = total; // top-p over the whole distribution, including tokens not listed yet
            }
            if (topP < 1) {
                double cum = 0;
                int cut = -1;
                for (int i = 0; i < keep; i++) {
                    cum += w[order[i]] / keptSum;
                    if (cum >= topP) {
                        cut = i + 1;
                        break;
                    }
                }
                if (cut < 0 && !all && keep < k) {
                    continue; // the nucleus reaches below the threshold
                }
                keep = cut < 0 ? keep : cut;
            }
            double sum = 0;
            for (int i = 0; i < keep; i++) {
                sum += w[order[i]];
            }
            double r = u * sum;
            for (int i = 0; i < keep; i++) {
                r -= w[order[i]];
                if (r < 0) {
                    return order[i];
                }
            }
            return order[keep - 1];
        }
    }

    /** The n tokens with weight >= threshold, by descending logit, ties by ascending id. */
    private static int[] descending(float[] l, double[] w, double threshold, int n) {
        long[] keys = new long[n];
        for (int i = 0, j = 0; i < l.length; i++) {
            if (w[i] >= threshold) {
                int bits = Float.floatToIntBits(l[i]);
                int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // a signed int in the float's order
                keys[j++] = ((long) ~ordered << 32) | i;           // ascending key = descending logit, then id
            }
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = (int) keys[j];
        }
        return order;
    }

    private static int argmax(float[] l) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        return best;
    }
}
