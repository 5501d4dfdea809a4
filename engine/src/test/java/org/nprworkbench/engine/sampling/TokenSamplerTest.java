package org.nprworkbench.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The candidate-only nucleus sampler picks exactly what sorting the whole vocabulary would. */
class TokenSamplerTest {

    /**
     * The textbook rule: sort every token by logit (ties by id), cut to top-k, then to the top-p
     * prefix; with no truncation the draw runs in token-id order.
     */
    private static int reference(float[] l, double t, int topK, double topP, double u) {
        int vocab = l.length;
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        if (topK > 0 || topP < 1) {
            Arrays.sort(order, (a, b) -> Float.compare(l[b], l[a]));
        }
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            best = l[i] > l[best] ? i : best;
        }
        float max = l[best];
        int keep = topK > 0 ? Math.min(topK, vocab) : vocab;
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp((l[order[i]] - max) / t);
            sum += p[i];
        }
        if (topP < 1) {
            double cum = 0;
            for (int i = 0; i < keep; i++) {
                cum += p[i] / sum;
                if (cum >= topP) {
                    keep = i + 1;
                    break;
                }
            }
            sum = 0;
            for (int i = 0; i < keep; i++) {
                sum += p[i];
            }
        }
        double r = u * sum;
        for (int i = 0; i < keep; i++) {
            r -= p[i];
            if (r < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    @Test
    void matchesTheFullSortOnPeakedFlatAndTiedDistributions() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] vocabs = {2, 7, 110, 3000};
        double[] temps = {0.3, 0.6, 1.0, 2.0};
        int[] ks = {0, 1, 5, 20, 50};
        double[] ps = {1.0, 0.95, 0.8, 0.3, 0.01};
        for (int c = 0; c < 3000; c++) {
            int v = vocabs[c % vocabs.length];
            float[] l = new float[v];
            double scale = c % 3 == 0 ? 0.1 : c % 3 == 1 ? 3 : 12; // flat, ordinary, peaked
            for (int i = 0; i < v; i++) {
                l[i] = (float) (rnd.nextGaussian() * scale);
                if (c % 7 == 0) {
                    l[i] = Math.round(l[i]); // many ties
                }
            }
            double t = temps[rnd.nextInt(temps.length)];
            int k = ks[rnd.nextInt(ks.length)];
            double p = ps[rnd.nextInt(ps.length)];
            double u = rnd.nextDouble();
            assertEquals(reference(l, t, k, p, u), TokenSampler.nucleus(l, t, k, p, u),
                    "case " + c + ": vocab " + v + " t " + t + " k " + k + " p " + p + " u " + u);
        }
    }

    @Test
    void aLargeVocabularyKeepsTheNucleusAndNothingElse() {
        // 151,936 tokens (Qwen3): three carry almost all mass; top-p 0.9 must choose among them only.
        float[] l = new float[151_936];
        Arrays.fill(l, -5f);
        l[10] = 12f;
        l[20] = 11.5f;
        l[30] = 11f;
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            int token = TokenSampler.nucleus(l, 1.0, 0, 0.9, rnd.nextDouble());
            assertEquals(true, token == 10 || token == 20 || token == 30, "token " + token);
        }
    }
}
