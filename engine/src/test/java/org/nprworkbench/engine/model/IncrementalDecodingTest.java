package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.kv.LaneKvStore;
import org.nprworkbench.engine.kv.LaneKvStore.Lane;
import org.nprworkbench.engine.kv.LaneKvStore.Rows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * Decoding over the lane KV store gives the logits of one full forward pass: for one sequence, for
 * prompts of different lengths packed into one prefill, for samples sharing a prefill, and for
 * sibling branches interleaved in one lane (each sees the shared prefix and itself only).
 *
 * <p>Tolerance 1e-4 on logits of magnitude ~0.1-1: the same float32 arithmetic in a different
 * association order agrees to ~1e-6 relative; a wrong mask or position changes logits by ~1e-2.
 */
class IncrementalDecodingTest {
    private static final float TOL = 1e-4f;
    private static Qwen3Model model;
    private static int v;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        // Untied head and 2 query heads per kv head, so every code path is exercised.
        Qwen3Config c = new Qwen3Config(40, 32, 64, 2, 4, 2, 8, 1e-6, 10000.0, 64, false, "float32", 1, 2);
        model = Qwen3Model.random(c, Device.cpu(), 7);
        v = c.vocabSize();
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    /** Logits [T, V] of one causal forward over ids at positions first, first + 1, ... */
    private static float[] full(long[] ids, long first) {
        NDManager nd = model.manager();
        int t = ids.length;
        long[] pos = new long[t];
        for (int i = 0; i < t; i++) {
            pos[i] = first + i;
        }
        return model.forward(nd.create(ids, new Shape(1, t)), nd.create(pos, new Shape(1, t)),
                CausalMask.of(nd, 1, t, null)).toFloatArray();
    }

    private static float[] row(float[] logits, int r) {
        return Arrays.copyOfRange(logits, r * v, (r + 1) * v);
    }

    private static float[] decode(LaneKvStore store, List<Rows> rows, long[] ids, long[] pos) {
        NDManager nd = model.manager();
        return model.decode(nd.create(ids), nd.create(pos), store.decode(rows), null).toFloatArray();
    }

    @Test
    void prefillThenSingleStepsMatchFullForward() {
        long[] ids = {1, 5, 9, 13, 2, 7, 30, 31, 4, 11, 12, 3};
        int t = ids.length;
        try (NDScope scope = new NDScope(); LaneKvStore store = new LaneKvStore(model, 2, 32)) {
            NDManager nd = model.manager();
            float[] expected = full(ids, 0);
            int prefill = 5;
            Lane lane = store.acquire();
            float[] got = new float[t * v];
            long[] pos = {0, 1, 2, 3, 4};
            float[] first = model.decode(nd.create(Arrays.copyOf(ids, prefill)), nd.create(pos),
                    store.prefill(List.of(List.of(lane)), new int[] {prefill}), null).toFloatArray();
            System.arraycopy(first, 0, got, 0, first.length);
            for (int i = prefill; i < t; i++) {
                float[] step = decode(store, List.of(new Rows(lane, new int[] {LaneKvStore.SHARED})),
                        new long[] {ids[i]}, new long[] {i});
                System.arraycopy(step, 0, got, i * v, v);
            }
            assertArrayEquals(expected, got, TOL);
            assertTrue(maxAbs(expected) > 0.01, "logits are not trivially zero");
        }
    }

    @Test
    void promptsOfDifferentLengthsShareOnePackedPrefillAndStep() {
        long[] a = {1, 5, 9, 13, 2, 7};
        long[] b = {1, 8, 3, 6};
        try (NDScope scope = new NDScope(); LaneKvStore store = new LaneKvStore(model, 3, 16)) {
            NDManager nd = model.manager();
            Lane la = store.acquire();
            Lane lb = store.acquire();
            long[] ids = {1, 5, 9, 13, 2, 7, 1, 8, 3, 6};
            long[] pos = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3};
            float[] last = model.decode(nd.create(ids), nd.create(pos),
                    store.prefill(List.of(List.of(la), List.of(lb)), new int[] {6, 4}), new long[] {5, 9}).toFloatArray();
            assertArrayEquals(row(full(a, 0), 5), row(last, 0), TOL);
            assertArrayEquals(row(full(b, 0), 3), row(last, 1), TOL);
            // one more token each, in one step (listed out of lane order on purpose)
            float[] step = decode(store, List.of(new Rows(lb, new int[] {LaneKvStore.SHARED}),
                    new Rows(la, new int[] {LaneKvStore.SHARED})), new long[] {21, 22}, new long[] {4, 6});
            assertArrayEquals(row(full(new long[] {1, 8, 3, 6, 21}, 0), 4), row(step, 0), TOL);
            assertArrayEquals(row(full(new long[] {1, 5, 9, 13, 2, 7, 22}, 0), 6), row(step, 1), TOL);
        }
    }

    @Test
    void samplesOfOnePromptShareItsPrefillAndThenDiverge() {
        long[] p = {1, 5, 9, 13};
        try (NDScope scope = new NDScope(); LaneKvStore store = new LaneKvStore(model, 2, 16)) {
            NDManager nd = model.manager();
            Lane s0 = store.acquire();
            Lane s1 = store.acquire();
            model.decode(nd.create(p), nd.create(new long[] {0, 1, 2, 3}),
                    store.prefill(List.of(List.of(s0, s1)), new int[] {4}), new long[] {3}).toFloatArray();
            float[] step = decode(store, List.of(new Rows(s0, new int[] {LaneKvStore.SHARED}),
                    new Rows(s1, new int[] {LaneKvStore.SHARED})), new long[] {20, 30}, new long[] {4, 4});
            assertArrayEquals(row(full(new long[] {1, 5, 9, 13, 20}, 0), 4), row(step, 0), TOL);
            assertArrayEquals(row(full(new long[] {1, 5, 9, 13, 30}, 0), 4), row(step, 1), TOL);
        }
    }

    @Test
    void interleavedBranchesSeeThePrefixAndThemselvesThenTheJoinSeesAll() {
        long[] prefix = {1, 5, 9};
        long[][] branch = {{20, 21, 22}, {30, 31}, {33, 34, 35}};
        try (NDScope scope = new NDScope(); LaneKvStore store = new LaneKvStore(model, 1, 32)) {
            NDManager nd = model.manager();
            Lane lane = store.acquire();
            model.decode(nd.create(prefix), nd.create(new long[] {0, 1, 2}),
                    store.prefill(List.of(List.of(lane)), new int[] {3}), new long[] {2}).toFloatArray();
            // three branches at positions 3, 4, 5, ...; branch 1 ends a step earlier than the others
            for (int i = 0; i < 3; i++) {
                int[] owners = i < 2 ? new int[] {0, 1, 2} : new int[] {0, 2};
                long[] ids = new long[owners.length];
                long[] pos = new long[owners.length];
                for (int r = 0; r < owners.length; r++) {
                    ids[r] = branch[owners[r]][i];
                    pos[r] = 3 + i;
                }
                float[] step = decode(store, List.of(new Rows(lane, owners)), ids, pos);
                for (int r = 0; r < owners.length; r++) {
                    long[] alone = concat(prefix, Arrays.copyOf(branch[owners[r]], i + 1));
                    assertArrayEquals(row(full(alone, 0), alone.length - 1), row(step, r), TOL,
                            "branch " + owners[r] + " token " + i);
                }
            }
            assertTrue(lane.visibleTo(1) == 5 && lane.visibleTo(0) == 6, "shared 3 + own tokens");
            // join: the next shared token sees the prefix and every branch, at position 3 + longest (3)
            lane.merge();
            float[] join = decode(store, List.of(new Rows(lane, new int[] {LaneKvStore.SHARED})),
                    new long[] {7}, new long[] {6});
            // expected: one full forward in the interleaved order, with the parallel positions and a mask
            // in which a branch token sees the prefix and its own branch, and the joined token sees all
            long[] ids = {1, 5, 9, 20, 30, 33, 21, 31, 34, 22, 35, 7};
            long[] pos = {0, 1, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6};
            int[] owner = {-1, -1, -1, 0, 1, 2, 0, 1, 2, 0, 2, -1};
            float[] mask = new float[12 * 12];
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    boolean seen = j <= i && (i == 11 || owner[j] == -1 || owner[j] == owner[i]);
                    mask[i * 12 + j] = seen ? 0f : Qwen3Model.HIDDEN;
                }
            }
            float[] expected = model.forward(nd.create(ids, new Shape(1, 12)), nd.create(pos, new Shape(1, 12)),
                    nd.create(mask, new Shape(1, 1, 12, 12))).toFloatArray();
            assertArrayEquals(row(expected, 11), row(join, 0), TOL);
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float f : x) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
