package org.nprworkbench.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.kv.LaneKvStore.Lane;
import org.nprworkbench.engine.kv.LaneKvStore.Rows;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;

import ai.djl.Device;
import ai.djl.ndarray.NDScope;

/** Lane ownership, token accounting, the visibility mask and the packing of a step. */
class LaneKvStoreTest {
    private static final int[] MAIN = {LaneKvStore.SHARED};
    private static Qwen3Model model;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        model = Qwen3Model.random(Qwen3Config.preset("micro", 40), Device.cpu(), 1);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void lanesAreHandedOutLowestFirstAndReleasedEmpty() {
        try (LaneKvStore store = new LaneKvStore(model, 3, 8); NDScope scope = new NDScope()) {
            Lane a = store.acquire();
            Lane b = store.acquire();
            assertEquals(0, a.index());
            assertEquals(1, b.index());
            store.prefill(List.of(List.of(a, b)), new int[] {4});
            assertEquals(8, store.tokensHeld(), "a shared prefill is stored in both samples' lanes");
            store.release(a);
            assertEquals(4, store.tokensHeld());
            assertEquals(0, a.length());
            assertEquals(0, store.acquire().index(), "the freed lane is reused first");
            assertEquals(2, store.acquire().index());
            assertThrows(IllegalStateException.class, store::acquire, "no lane left");
            assertEquals(3, store.lanesInUse());
            assertEquals(8 * store.bytesPerToken(), store.peakBytes());
        }
    }

    @Test
    void misuseIsRefused() {
        try (LaneKvStore store = new LaneKvStore(model, 2, 4); NDScope scope = new NDScope()) {
            Lane a = store.acquire();
            Lane free = store.acquire();
            store.release(free);
            assertThrows(IllegalStateException.class, () -> store.release(free), "double release");
            assertThrows(IllegalStateException.class, () -> store.decode(List.of(new Rows(free, MAIN))), "a free lane");
            assertThrows(IllegalArgumentException.class,
                    () -> store.decode(List.of(new Rows(a, MAIN), new Rows(a, MAIN))), "a lane listed twice");
            store.prefill(List.of(List.of(a)), new int[] {3});
            assertThrows(IllegalArgumentException.class, () -> store.prefill(List.of(List.of(a)), new int[] {1}),
                    "prefill into a lane that holds tokens");
            store.decode(List.of(new Rows(a, MAIN)));
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> store.decode(List.of(new Rows(a, MAIN))));
            assertTrue(full.getMessage().contains("full"), full.getMessage());
        }
    }

    @Test
    void maskShowsSharedTokensAndEachRowsOwnOnly() {
        try (LaneKvStore store = new LaneKvStore(model, 2, 16); NDScope scope = new NDScope()) {
            Lane a = store.acquire();
            store.prefill(List.of(List.of(a)), new int[] {2});
            store.decode(List.of(new Rows(a, new int[] {0, 1})));                 // slots 2 (branch 0), 3 (branch 1)
            KvCache step = store.decode(List.of(new Rows(a, new int[] {0, 1}))); // slots 4, 5
            assertEquals(1, step.batch());
            assertEquals(2, step.queries());
            float[] m = step.mask().toFloatArray(); // [1, 1, 2, 6]
            boolean[][] visible = {{true, true, true, false, true, false}, {true, true, false, true, false, true}};
            for (int q = 0; q < 2; q++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(visible[q][j], m[q * 6 + j] == 0f, "query " + q + " key " + j);
                }
            }
            assertEquals(4, a.visibleTo(0));
            assertEquals(2, a.visibleTo(LaneKvStore.SHARED));
            a.merge();
            assertEquals(6, a.visibleTo(LaneKvStore.SHARED));
            assertEquals(6, a.visibleTo(0));
        }
    }

    @Test
    void oneRowPerLaneInLaneOrderNeedsNoPackingAndGapsAreMasked() {
        try (LaneKvStore store = new LaneKvStore(model, 3, 8); NDScope scope = new NDScope()) {
            Lane a = store.acquire();
            Lane b = store.acquire();
            Lane c = store.acquire();
            store.prefill(List.of(List.of(a), List.of(b), List.of(c)), new int[] {1, 2, 1});
            KvCache plain = store.decode(List.of(new Rows(a, MAIN), new Rows(b, MAIN), new Rows(c, MAIN)));
            assertNull(plain.pack());
            store.release(b);
            KvCache gap = store.decode(List.of(new Rows(a, MAIN), new Rows(c, MAIN)));
            assertEquals(3, gap.batch(), "lanes 0..2 are read as one view; lane 1 is masked out");
            assertEquals(3, gap.pack().size());
            assertEquals(2, gap.unpack().size());
            float[] m = gap.mask().toFloatArray(); // [3, 1, 1, 3]
            for (int j = 0; j < 3; j++) {
                assertTrue(m[3 + j] < -1e8f, "the free lane's query sees nothing");
            }
        }
    }
}
