package org.nprworkbench.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nprworkbench.engine.schema.TagSequence.TAGS;
import static org.nprworkbench.engine.schema.TagSequence.tokens;

import org.junit.jupiter.api.Test;

/** The §2.3 rule per stream, as the engine runs it, gives the worked example's positions. */
class PositionCursorTest {

    @Test
    void streamsForkedAndJoinedReproduceTheWorkedExample() {
        // The engine's view of ParallelLayoutTest.GOLDEN: the main stream up to the shared newline,
        // two branches decoded side by side from copies of its cursor, then the takeaway after the join.
        PositionCursor main = PositionCursor.parallel(TAGS, 3);
        int[] mainPos = new int[9];
        int[] head = tokens("<g> <p> p1 </p> <p> p2 </p> </g>");
        for (int i = 0; i < head.length; i++) {
            mainPos[i] = main.next(head[i]);
        }
        mainPos[8] = main.next(tokens("nl")[0]);
        PositionCursor one = main.fork();
        PositionCursor two = main.fork();
        int[] a = tokens("<s> a a a </s> nl");
        int[] b = tokens("<s> b </s> nl");
        int[] aPos = new int[a.length];
        int[] bPos = new int[b.length];
        for (int i = 0; i < Math.max(a.length, b.length); i++) { // interleaved, as decode steps are
            if (i < a.length) {
                aPos[i] = one.next(a[i]);
            }
            if (i < b.length) {
                bPos[i] = two.next(b[i]);
            }
        }
        main.join(one);
        main.join(two);
        int takeaway = main.next(tokens("<t>")[0]);
        int text = main.next(tokens("w")[0]);

        int[] g = ParallelLayoutTest.GOLDEN_POSITIONS;
        assertArrayEquals(java.util.Arrays.copyOfRange(g, 3, 12), mainPos);
        assertArrayEquals(java.util.Arrays.copyOfRange(g, 12, 18), aPos);
        assertArrayEquals(java.util.Arrays.copyOfRange(g, 18, 22), bPos);
        assertEquals(g[22], takeaway, "g + longest branch + 1");
        assertEquals(g[23], text);
    }

    @Test
    void aCausalCursorJustCounts() {
        PositionCursor c = PositionCursor.causal(5);
        int[] t = tokens("<g> </g> <s> x </s> <t>");
        for (int i = 0; i < t.length; i++) {
            assertEquals(5 + i, c.next(t[i]));
        }
    }

    @Test
    void anOutOfPlaceTagFollowsThePreviousToken() {
        PositionCursor c = PositionCursor.parallel(TAGS, 0);
        c.next(tokens("x")[0]);
        assertEquals(1, c.nextOutOfPlace(), "a <step> outside a block would otherwise restart at g + 1 = 0");
    }
}
