package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
        NDArray q = nd.create(new float[] {1, 0, 0, 1, 1, 1, 2, 0}, new Shape(1, 2, 2, 2)); // [B, nh, T, D]
        NDArray k = nd.create(new float[] {1, 0, 0, 2}, new Shape(1, 1, 2, 2));             // [B, nkv, L, D]
        NDArray v = nd.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        NDArray mask = nd.create(new float[] {0, Qwen3Model.HIDDEN, 0, 0}, new Shape(1, 1, 1, 2, 2));
        float[] out = Qwen3Model.attend(q, k, v, mask).toFloatArray();
        assertArrayEquals(new float[] {1, 2, 2.6088594f, 3.6088594f, 1, 2, 1.3911406f, 2.3911407f}, out, 1e-5f);
    }
}
