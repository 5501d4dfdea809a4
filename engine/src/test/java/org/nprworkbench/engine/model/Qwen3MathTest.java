package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Golden tests of the model's building blocks on small cases computed by hand (values in comments). */
class Qwen3MathTest {
    private static NDManager nd;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        nd = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        nd.close();
    }

    @Test
    void rmsNormDividesByRootMeanSquareAndScales() {
        // mean(x^2) = (1 + 4 + 9 + 16) / 4 = 7.5; x / sqrt(7.5 + 1e-6) * w
        NDArray x = nd.create(new float[] {1, 2, 3, 4});
        NDArray w = nd.create(new float[] {1, 1, 2, 0.5f});
        float[] y = Qwen3Model.rmsNorm(x, w, 1e-6).toFloatArray();
        assertArrayEquals(new float[] {0.36514837f, 0.73029673f, 2.1908901f, 0.73029673f}, y, 1e-6f);
    }

    @Test
    void ropeRotatesPairsByExplicitPositions() {
        // D = 4, theta = 10000: inv_freq = [1, 0.01]; angles = pos * [1, 0.01, 1, 0.01].
        // rotate_half([1, 2, 3, 4]) = [-3, -4, 1, 2]; y = x cos + rotate_half(x) sin.
        NDArray invFreq = nd.create(new float[] {1f, 0.01f});
        NDArray positions = nd.create(new long[] {0, 2, 7}, new Shape(1, 3));       // [B=1, T=3]
        NDList rope = Qwen3Model.rotary(positions, invFreq);
        NDArray x = nd.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, new Shape(1, 3, 1, 4));
        float[] y = Qwen3Model.applyRotary(x, rope).toFloatArray();
        assertArrayEquals(new float[] {
                1f, 2f, 3f, 4f,                                   // position 0: identity
                -3.1440391f, 1.9196053f, -0.33914308f, 4.0391974f, // position 2
                -1.2170575f, 1.7153306f, 2.9186934f, 4.1300897f    // position 7
        }, y, 1e-5f);
    }

    @Test
    void positionsNotIndicesDriveRope() {
        // The same vector at index 0 with position 7 rotates like position 7, whatever its index.
        NDArray invFreq = nd.create(new float[] {1f, 0.01f});
        NDArray positions = nd.create(new long[] {7}, new Shape(1, 1));
        NDArray x = nd.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 1, 4));
        float[] y = Qwen3Model.applyRotary(x, Qwen3Model.rotary(positions, invFreq)).toFloatArray();
        assertArrayEquals(new float[] {-1.2170575f, 1.7153306f, 2.9186934f, 4.1300897f}, y, 1e-5f);
    }

    @Test
    void maskedGroupedQueryAttention() {
        // Two query heads share one kv head (g = 2). Query 0 may not see key 1.
        // k = [[1,0],[0,2]], v = [[1,2],[3,4]]; scores = q k^T / sqrt(2) + mask.
        // Head 0, query 1 = [0,1]: scores [0, 2/sqrt2] -> p = [0.19557, 0.80443] -> out = [2.60886, 3.60886].
        // Head 1, query 1 = [2,0]: scores [2/sqrt2, 0] -> p = [0.80443, 0.19557] -> out = [1.39114, 2.39114].
        NDArray q = nd.create(new float[] {1, 0, 1, 1, 0, 1, 2, 0}, new Shape(1, 2, 2, 2)); // [B, T, nh, D]
        NDArray k = nd.create(new float[] {1, 0, 0, 2}, new Shape(1, 1, 2, 2));             // [B, nkv, L, D]
        NDArray v = nd.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        NDArray mask = nd.create(new float[] {0, Qwen3Model.HIDDEN, 0, 0}, new Shape(1, 1, 1, 2, 2));
        float[] out = Qwen3Model.attend(q, k, v, mask).toFloatArray();
        // [B, T, nh*D]: query 0 of both heads sees only key 0 -> v0 = [1, 2]
        assertArrayEquals(new float[] {1, 2, 1, 2, 2.6088594f, 3.6088594f, 1.3911406f, 2.3911407f}, out, 1e-5f);
    }

    @Test
    void severalKvHeadsMatchAHeadByHeadComputation() {
        // B = 2, T = 3, nh = 4, nkv = 2 (g = 2), D = 4, L = 5; a random mask hiding some keys.
        java.util.Random r = new java.util.Random(3);
        int b = 2, t = 3, nh = 4, nkv = 2, d = 4, len = 5, g = nh / nkv;
        float[] q = new float[b * t * nh * d];
        float[] k = new float[b * len * nkv * d];
        float[] v = new float[b * len * nkv * d];
        float[] m = new float[b * t * len];
        for (int i = 0; i < q.length; i++) q[i] = (float) r.nextGaussian();
        for (int i = 0; i < k.length; i++) { k[i] = (float) r.nextGaussian(); v[i] = (float) r.nextGaussian(); }
        for (int i = 0; i < m.length; i++) m[i] = (i % len == 0 || r.nextBoolean()) ? 0 : Qwen3Model.HIDDEN;
        // keys and values given as [B, L, nkv*D], passed head-major [B, nkv, L, D] as a strided view
        float[] got = Qwen3Model.attend(nd.create(q, new Shape(b, t, nh, d)),
                nd.create(k, new Shape(b, len, nkv, d)).transpose(0, 2, 1, 3),
                nd.create(v, new Shape(b, len, nkv, d)).transpose(0, 2, 1, 3),
                nd.create(m, new Shape(b, 1, 1, t, len))).toFloatArray();
        for (int bi = 0; bi < b; bi++) {
            for (int ti = 0; ti < t; ti++) {
                for (int h = 0; h < nh; h++) {
                    int kvh = h / g;
                    double[] s = new double[len];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < len; j++) {
                        double dot = 0;
                        for (int e = 0; e < d; e++) {
                            dot += q[((bi * t + ti) * nh + h) * d + e] * k[((bi * len + j) * nkv + kvh) * d + e];
                        }
                        s[j] = dot / Math.sqrt(d) + m[(bi * t + ti) * len + j];
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < len; j++) z += Math.exp(s[j] - max);
                    for (int e = 0; e < d; e++) {
                        double o = 0;
                        for (int j = 0; j < len; j++) o += Math.exp(s[j] - max) / z * v[((bi * len + j) * nkv + kvh) * d + e];
                        assertEquals(o, got[((bi * t + ti) * nh + h) * d + e], 1e-5, "b" + bi + " t" + ti + " h" + h);
                    }
                }
            }
        }
    }
}
