package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.kv.ContiguousKvCache;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Decoding over the KV cache gives the logits of one full forward pass. */
class IncrementalDecodingTest {
    private static Qwen3Model model;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        // Untied head and 2 query heads per kv head, so every code path is exercised.
        Qwen3Config c = new Qwen3Config(40, 32, 64, 2, 4, 2, 8, 1e-6, 10000.0, 64, false, "float32", 1, 2);
        model = Qwen3Model.random(c, Device.cpu(), 7);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void prefillThenSingleStepsMatchFullForward() {
        long[] ids = {1, 5, 9, 13, 2, 7, 30, 31, 4, 11, 12, 3};
        int t = ids.length;
        try (NDScope scope = new NDScope(); ContiguousKvCache cache = new ContiguousKvCache(model, 1, 32, null)) {
            NDManager nd = model.manager();
            NDArray tokens = nd.create(ids, new Shape(1, t));
            float[] full = model.forward(tokens, CausalMask.positions(nd, 1, t, null),
                    CausalMask.of(nd, 1, t, null)).toFloatArray();
            int v = model.config().vocabSize();

            int prefill = 5;
            float[] got = new float[t * v];
            float[] first = model.forward(tokens.get(new NDIndex(":, 0:{}", prefill)),
                    CausalMask.positions(nd, 1, prefill, null), cache).toFloatArray();
            System.arraycopy(first, 0, got, 0, first.length);
            for (int i = prefill; i < t; i++) {
                float[] step = model.forward(tokens.get(new NDIndex(":, {}:{}", i, i + 1)),
                        nd.create(new long[] {i}, new Shape(1, 1)), cache).toFloatArray();
                System.arraycopy(step, 0, got, i * v, v);
            }
            // Same arithmetic in a different association order: float32 agreement to ~1e-6 relative.
            assertArrayEquals(full, got, 1e-4f);
            assertTrue(maxAbs(full) > 0.01, "logits are not trivially zero");
        }
    }

    @Test
    void leftPaddedBatchRowsMatchTheirOwnForward() {
        long[] a = {1, 5, 9, 13, 2, 7};
        long[] b = {1, 8, 3, 0}; // a shorter prompt, left-padded by 2 in the batch
        int t = a.length;
        try (NDScope scope = new NDScope(); ContiguousKvCache cache = new ContiguousKvCache(model, 2, 16, new int[] {0, 2})) {
            NDManager nd = model.manager();
            long[] batch = {1, 5, 9, 13, 2, 7, 0, 0, 1, 8, 3, 0};
            int[] pad = {0, 2};
            float[] last = model.forwardLast(nd.create(batch, new Shape(2, t)),
                    CausalMask.positions(nd, 2, t, pad), cache).toFloatArray();
            int v = model.config().vocabSize();
            float[] alone = model.forward(nd.create(b, new Shape(1, 4)), CausalMask.positions(nd, 1, 4, null),
                    CausalMask.of(nd, 1, 4, null)).get(new NDIndex("0, 3, :")).toFloatArray();
            float[] row1 = new float[v];
            System.arraycopy(last, v, row1, 0, v);
            assertArrayEquals(alone, row1, 1e-4f);
            float[] aloneA = model.forward(nd.create(a, new Shape(1, t)), CausalMask.positions(nd, 1, t, null),
                    CausalMask.of(nd, 1, t, null)).get(new NDIndex("0, {}, :", t - 1)).toFloatArray();
            float[] row0 = new float[v];
            System.arraycopy(last, 0, row0, 0, v);
            assertArrayEquals(aloneA, row0, 1e-4f);
        }
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float f : x) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
